import { describe, expect, it } from 'vitest';
import { groupByMonth } from './monthGroups';

describe('groupByMonth', () => {
  it('keeps the order and starts a group at each new month', () => {
    const rows = [{ date: '2026-03-02' }, { date: '2026-03-01' }, { date: '2026-02-28' }, { date: '2026-03-05' }];
    expect(groupByMonth(rows).map((g) => [g.month, g.rows.length])).toEqual([
      ['2026-03', 2],
      ['2026-02', 1],
      ['2026-03', 1],
    ]);
    expect(groupByMonth([])).toEqual([]);
  });
});
