// The date arithmetic the recurring views need: a window of days from today.
import { todayIso } from '../../lib/dates';

/** `iso` plus `days` days (UTC arithmetic on the date's parts, no time zone shifts). */
export function addDays(iso: string, days: number): string {
  const [y = 1970, m = 1, d = 1] = iso.split('-').map((part) => Number.parseInt(part, 10));
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** Today and 30 days on: the upcoming window of the Overview and the Recurring page. */
export function nextThirtyDays(): { from: string; to: string } {
  const from = todayIso();
  return { from, to: addDays(from, 30) };
}
