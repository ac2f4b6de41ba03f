// Rows grouped by calendar month, in the order they come (for date-sorted lists).

export interface MonthGroup<T> {
  /** `YYYY-MM`. */
  month: string;
  rows: T[];
}

export function groupByMonth<T extends { date: string }>(rows: readonly T[]): MonthGroup<T>[] {
  const groups: MonthGroup<T>[] = [];
  for (const row of rows) {
    const month = row.date.slice(0, 7);
    const last = groups[groups.length - 1];
    if (last && last.month === month) last.rows.push(row);
    else groups.push({ month, rows: [row] });
  }
  return groups;
}
