// Helpers for honest charts: axis ticks at round values, percentages shown only from a base
// that makes them meaningful, and one fixed colour per category across every chart.
import { compareDecimal, subtractDecimal } from './decimal';

/** Round steps: 1, 2, 2.5 and 5 times a power of ten. */
const STEPS = [1, 2, 2.5, 5, 10];

/**
 * Ticks at round values covering [min, max] (zero always inside), about `count` of them:
 * niceTicks(0, 1900) → [0, 500, 1000, 1500, 2000]. Chart numbers only, never money sums.
 */
export function niceTicks(min: number, max: number, count = 5): number[] {
  const low = Math.min(0, min);
  const high = Math.max(0, max);
  if (!Number.isFinite(low) || !Number.isFinite(high)) return [0];
  if (high === low) return [0, 1];
  const rough = (high - low) / Math.max(1, count - 1);
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = (STEPS.find((s) => s * power >= rough) ?? 10) * power;
  const first = Math.floor(low / step);
  const last = Math.ceil(high / step);
  const ticks: number[] = [];
  for (let i = first; i <= last; i += 1) ticks.push(Number((i * step).toPrecision(12)) || 0);
  return ticks;
}

/** The domain of `ticks`, for the axis: exactly from the first to the last. */
export function tickDomain(ticks: readonly number[]): [number, number] {
  return [ticks[0] ?? 0, ticks[ticks.length - 1] ?? 1];
}

/** Larger changes than this (in percent) come from a tiny base and are not shown. */
export const MAX_SHOWN_PERCENT = 1000;

/**
 * The API's percentage change from `before` to `after`, if showing it is honest: never from
 * a zero or negative base, and never a huge one from a tiny base ("7,358 %"). `after` is
 * the later figure and `change` its difference from the earlier one (decimal strings).
 */
export function meaningfulChange(
  percent: string | null | undefined,
  after: string,
  change: string,
): string | null {
  if (percent == null) return null;
  const before = subtractDecimal(after, change);
  if (before === null || compareDecimal(before, '0') !== 1) return null;
  const magnitude = percent.trim().replace(/^-/, '');
  if (compareDecimal(magnitude, String(MAX_SHOWN_PERCENT)) !== -1) return null;
  return percent;
}

/** Colours distinguishable from each other and readable on light and dark panels. */
export const PALETTE = [
  '#2c6fbb',
  '#c0392b',
  '#2e8b57',
  '#c77c0e',
  '#7d3c98',
  '#138d75',
  '#a04000',
  '#5d6d7e',
  '#b03a6e',
  '#4a7f0f',
] as const;

/** A fixed colour for a category (by its id), the same on every chart and every visit. */
export function categoryColor(id: string | null | undefined): string {
  if (!id) return '#7f8c8d';
  let hash = 0;
  for (const char of id) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return PALETTE[hash % PALETTE.length] ?? PALETTE[0];
}

/** Chart tooltips in the page's own colours (readable in both themes). */
export const TOOLTIP_STYLE = { background: 'var(--panel)', borderColor: 'var(--line)', color: 'var(--text)' } as const;
export const TOOLTIP_ITEM_STYLE = { color: 'var(--text)' } as const;
