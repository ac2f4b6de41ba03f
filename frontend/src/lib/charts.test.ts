import { describe, expect, it } from 'vitest';
import { categoryColor, meaningfulChange, niceTicks, PALETTE, tickDomain } from './charts';

describe('niceTicks', () => {
  it('puts ticks at round values, not at fractions of the maximum', () => {
    expect(niceTicks(0, 1900)).toEqual([0, 500, 1000, 1500, 2000]);
    expect(niceTicks(0, 3800)).toEqual([0, 1000, 2000, 3000, 4000]);
    expect(niceTicks(0, 4)).toEqual([0, 1, 2, 3, 4]);
  });

  it('keeps zero inside and handles negative values', () => {
    expect(niceTicks(-170, 5200)).toEqual([-2000, 0, 2000, 4000, 6000]);
    expect(niceTicks(-950, -100)).toEqual([-1000, -750, -500, -250, 0]);
  });

  it('has a domain for an empty or flat series and avoids float noise', () => {
    expect(niceTicks(0, 0)).toEqual([0, 1]);
    expect(niceTicks(0, 0.3)).toEqual([0, 0.1, 0.2, 0.3]);
    expect(tickDomain(niceTicks(0, 1900))).toEqual([0, 2000]);
    expect(tickDomain([])).toEqual([0, 1]);
  });
});

describe('meaningfulChange', () => {
  it('shows an ordinary change from a positive base', () => {
    expect(meaningfulChange('4.20', '1042.00', '42.00')).toBe('4.20');
    expect(meaningfulChange('-50.00', '500.00', '-500.00')).toBe('-50.00');
  });

  it('shows nothing from a zero, negative or tiny base', () => {
    expect(meaningfulChange(null, '100.00', '100.00')).toBeNull();
    expect(meaningfulChange('100.00', '0.00', '170.00')).toBeNull(); // base −170
    expect(meaningfulChange('7358.00', '74.58', '73.58')).toBeNull(); // base 1.00
    expect(meaningfulChange('1000.00', '11.00', '10.00')).toBeNull(); // exactly 10×
    expect(meaningfulChange('999.99', '1099.99', '999.99')).toBe('999.99');
  });
});

describe('categoryColor', () => {
  it('is the same for the same category, from the palette', () => {
    const id = '0190f3aa-1111-7000-8000-000000000001';
    expect(categoryColor(id)).toBe(categoryColor(id));
    expect(PALETTE).toContain(categoryColor(id));
    expect(categoryColor(null)).toBe('#7f8c8d');
  });
});
