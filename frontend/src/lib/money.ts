// Money and percentages as the API sends them: exact decimal strings ("-12.50", "23.45").
// Intl.NumberFormat formats a numeric string exactly (no detour through a float), so the
// dashboard never does arithmetic on amounts: every sum it shows comes from the API.

const formatters = new Map<string, Intl.NumberFormat>();

function formatter(key: string, make: () => Intl.NumberFormat): Intl.NumberFormat {
  let found = formatters.get(key);
  if (!found) {
    found = make();
    formatters.set(key, found);
  }
  return found;
}

/** The decimal string as Intl reads it: exactly, digit for digit. */
function numeric(amount: string): Intl.StringNumericLiteral {
  return amount.trim() as Intl.StringNumericLiteral;
}

/** "-1234.50" in USD → "-$1,234.50" (per locale and the currency's own decimals). */
export function formatMoney(amount: string, currency: string, locale?: string): string {
  const f = formatter(`money|${locale ?? ''}|${currency}`, () =>
    new Intl.NumberFormat(locale, { style: 'currency', currency }),
  );
  return f.format(numeric(amount));
}

/** "23.45" → "23.45%"; null (e.g. a savings rate without income) → "—". */
export function formatPercent(percent: string | null | undefined, locale?: string): string {
  if (percent == null) return '—';
  const f = formatter(`pct|${locale ?? ''}`, () =>
    new Intl.NumberFormat(locale, {
      style: 'unit',
      unit: 'percent',
      minimumFractionDigits: 2,
      maximumFractionDigits: 2,
    }),
  );
  return f.format(numeric(percent));
}

/** Whether a decimal string is below zero, read from its sign (no float). */
export function isNegative(amount: string): boolean {
  return /^\s*-\s*\d*\.?\d*[1-9]/.test(amount);
}

/** The sign class of an amount, for colouring: "neg", "pos" or "zero". */
export function signClass(amount: string): 'neg' | 'pos' | 'zero' {
  if (isNegative(amount)) return 'neg';
  return /[1-9]/.test(amount) ? 'pos' : 'zero';
}

/** A number for drawing a chart only (bar heights, slice angles) — never for sums. */
export function toChartNumber(amount: string | null | undefined): number {
  return amount == null ? 0 : Number(amount);
}

const AMOUNT = /^\d{1,13}(\.\d{1,4})?$/;

/**
 * A user-typed amount as the API's Decimal string, signed by direction: "12.5" out →
 * "-12.5". Commas are not guessed at; null when the text is not a plain positive amount.
 */
export function signedAmount(text: string, direction: 'in' | 'out'): string | null {
  const plain = text.trim();
  if (!AMOUNT.test(plain)) return null;
  if (!/[1-9]/.test(plain)) return plain;
  return direction === 'out' ? `-${plain}` : plain;
}

/** An amount typed with an optional leading minus ("-12.50", "300"); null when malformed. */
export function decimalInput(text: string): string | null {
  const plain = text.trim();
  const negative = plain.startsWith('-');
  const digits = negative ? plain.slice(1).trim() : plain;
  if (!AMOUNT.test(digits)) return null;
  return negative && /[1-9]/.test(digits) ? `-${digits}` : digits;
}

/** The magnitude of a decimal string: its text without the sign. */
export function absoluteAmount(amount: string): string {
  return amount.trim().replace(/^-/, '');
}

/** An axis tick only (a chart's own number, not an amount): 12000 in USD → "$12K". */
export function compactMoneyTick(value: number, currency: string, locale?: string): string {
  const f = formatter(`compact|${locale ?? ''}|${currency}`, () =>
    new Intl.NumberFormat(locale, { style: 'currency', currency, notation: 'compact', maximumFractionDigits: 1 }),
  );
  return f.format(value);
}
