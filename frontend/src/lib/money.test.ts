import { describe, expect, it } from 'vitest';
import { decimalInput, formatMoney, formatPercent, isNegative, signClass, signedAmount } from './money';

describe('money', () => {
  it('formats the decimal string exactly, per currency', () => {
    expect(formatMoney('-1234.50', 'USD', 'en-US')).toBe('-$1,234.50');
    expect(formatMoney('5', 'JPY', 'en-US')).toBe('¥5');
    expect(formatMoney('1234.5', 'EUR', 'de-DE')).toBe('1.234,50\u00a0€');
  });

  it('keeps digits a float would lose', () => {
    // 2^53 + 1 is not a double; Intl formats the string as written.
    expect(formatMoney('9007199254740993.01', 'USD', 'en-US')).toBe('$9,007,199,254,740,993.01');
  });

  it('formats percentages and says when there is none', () => {
    expect(formatPercent('23.45', 'en-US')).toBe('23.45%');
    expect(formatPercent(null)).toBe('—');
  });

  it('reads the sign from the text', () => {
    expect(isNegative('-0.00')).toBe(false);
    expect(isNegative('-0.01')).toBe(true);
    expect(isNegative('-10')).toBe(true);
    expect(signClass('0.00')).toBe('zero');
    expect(signClass('12')).toBe('pos');
  });

  it('turns typed amounts into signed Decimal strings', () => {
    expect(signedAmount(' 12.50 ', 'out')).toBe('-12.50');
    expect(signedAmount('3000', 'in')).toBe('3000');
    expect(signedAmount('0', 'out')).toBe('0');
    expect(signedAmount('1,000.00', 'in')).toBeNull();
    expect(signedAmount('-5', 'in')).toBeNull();
    expect(decimalInput('-80.5')).toBe('-80.5');
    expect(decimalInput('abc')).toBeNull();
  });
});
