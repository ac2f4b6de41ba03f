// Calendar helpers on the API's string forms: Date `YYYY-MM-DD`, Month `YYYY-MM`.
// Whole-number arithmetic on the parts only; the browser's local date is "today".

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** Today in the browser's time zone, `YYYY-MM-DD`. */
export function todayIso(now: Date = new Date()): string {
  return `${pad(now.getFullYear(), 4)}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** This month, `YYYY-MM`. */
export function currentMonth(now: Date = new Date()): string {
  return todayIso(now).slice(0, 7);
}

/** `month` moved by `delta` months: addMonths("2026-01", -1) → "2025-12". */
export function addMonths(month: string, delta: number): string {
  const [y, m] = month.split('-').map((part) => Number.parseInt(part, 10));
  const index = (y ?? 0) * 12 + ((m ?? 1) - 1) + delta;
  return `${pad(Math.floor(index / 12), 4)}-${pad((index % 12) + 1)}`;
}

/** The last day of a month, `YYYY-MM-DD`. */
export function monthEnd(month: string): string {
  const [y, m] = month.split('-').map((part) => Number.parseInt(part, 10));
  const days = new Date(Date.UTC(y ?? 1970, m ?? 1, 0)).getUTCDate();
  return `${month}-${pad(days)}`;
}

/** "2026-03" → "Mar" (or "Mar 2026" with the year), in the user's locale. */
export function monthLabel(month: string, withYear = false, locale?: string): string {
  const [y, m] = month.split('-').map((part) => Number.parseInt(part, 10));
  const date = new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, 1));
  return new Intl.DateTimeFormat(locale, {
    month: 'short',
    ...(withYear ? { year: 'numeric' } : {}),
    timeZone: 'UTC',
  }).format(date);
}

/** A Date `YYYY-MM-DD` for display, in the user's locale (no time-zone shift). */
export function formatDate(date: string, locale?: string): string {
  const [y, m, d] = date.split('-').map((part) => Number.parseInt(part, 10));
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(
    new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1)),
  );
}

/** A DateTime (RFC 3339) for display: date and time in the user's locale and time zone. */
export function formatDateTime(value: string, locale?: string): string {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}
