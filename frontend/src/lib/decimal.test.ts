import { describe, expect, it } from 'vitest';
import { compareDecimal, subtractDecimal } from './decimal';

describe('decimal strings', () => {
  it('compares exactly, whatever the scales', () => {
    expect(compareDecimal('0.1', '0.10')).toBe(0);
    expect(compareDecimal('-0.01', '0')).toBe(-1);
    expect(compareDecimal('9007199254740993.01', '9007199254740993.00')).toBe(1);
    expect(compareDecimal('abc', '1')).toBeNull();
  });

  it('subtracts exactly', () => {
    expect(subtractDecimal('0.3', '0.1')).toBe('0.2');
    expect(subtractDecimal('100.00', '170.50')).toBe('-70.50');
    expect(subtractDecimal('5', '5')).toBe('0');
    expect(subtractDecimal('9007199254740993.01', '0.02')).toBe('9007199254740992.99');
  });
});
