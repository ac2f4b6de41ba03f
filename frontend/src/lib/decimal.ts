// Exact comparisons of the API's decimal strings ("-12.50", "0.3"), as scaled BigInts: for
// decisions such as "is this base above zero", never for amounts shown (those come from the
// API) and never through a float.

const DECIMAL = /^\s*([+-])?(\d+)(?:\.(\d+))?\s*$/;

/** The decimal as an integer of `scale` decimal places; null when it is not a decimal. */
function scaled(value: string, scale: number): bigint | null {
  const match = DECIMAL.exec(value);
  if (!match) return null;
  const [, sign, whole = '0', fraction = ''] = match;
  if (fraction.length > scale) return null;
  const digits = BigInt(whole + fraction.padEnd(scale, '0'));
  return sign === '-' ? -digits : digits;
}

function scaleOf(value: string): number {
  const dot = value.indexOf('.');
  return dot < 0 ? 0 : value.trim().length - value.trim().indexOf('.') - 1;
}

/** -1, 0 or 1 as `a` is below, equal to or above `b`; null when either is not a decimal. */
export function compareDecimal(a: string, b: string): -1 | 0 | 1 | null {
  const scale = Math.max(scaleOf(a), scaleOf(b));
  const x = scaled(a, scale);
  const y = scaled(b, scale);
  if (x === null || y === null) return null;
  return x < y ? -1 : x > y ? 1 : 0;
}

/** `a - b` exactly, as a decimal string with the larger of their scales; null when either
 * is not a decimal. For a decision (a change's base), not for showing money. */
export function subtractDecimal(a: string, b: string): string | null {
  const scale = Math.max(scaleOf(a), scaleOf(b));
  const x = scaled(a, scale);
  const y = scaled(b, scale);
  if (x === null || y === null) return null;
  const diff = x - y;
  const negative = diff < 0n;
  const digits = (negative ? -diff : diff).toString().padStart(scale + 1, '0');
  const text = scale === 0 ? digits : `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
  return negative ? `-${text}` : text;
}
