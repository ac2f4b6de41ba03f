import { describe, expect, it } from 'vitest';
import { EMPTY_FILTER, fromParams, isFiltered, toFilter, toParams } from './filters';

describe('transaction filters in the URL', () => {
  it('round-trips through the query string, leaving defaults out', () => {
    const values = { ...EMPTY_FILTER, dateFrom: '2026-01-01', accountId: 'a1', search: 'coffee shop', sort: 'amount-asc' as const };
    const params = toParams(values);
    expect(params.toString()).toBe('from=2026-01-01&account=a1&q=coffee+shop&sort=amount-asc');
    expect(fromParams(params)).toEqual(values);
    expect(toParams(EMPTY_FILTER).toString()).toBe('');
  });

  it('ignores malformed values from a hand-edited URL', () => {
    const values = fromParams(new URLSearchParams('from=yesterday&sort=random&q=x'));
    expect(values).toEqual({ ...EMPTY_FILTER, search: 'x' });
    expect(isFiltered(values)).toBe(true);
    expect(isFiltered(EMPTY_FILTER)).toBe(false);
  });

  it('turns the values into the API filter', () => {
    expect(toFilter({ ...EMPTY_FILTER, tags: 'Food, travel ,food', categoryId: 'c1' })).toEqual({
      categoryIds: ['c1'],
      tags: ['food', 'travel'],
    });
  });
});
