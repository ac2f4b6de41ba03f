// An x-axis label of a monthly chart: the month, and under it the year where a year starts
// (and at the first label), so that no label is long enough to collide with the next.
import { monthLabel } from '../lib/dates';
import { useMediaQuery } from '../lib/useMediaQuery';

interface Props {
  x?: number;
  y?: number;
  payload?: { value: string; index: number };
}

export function MonthTick({ x = 0, y = 0, payload }: Props) {
  if (!payload) return null;
  const month = payload.value;
  const withYear = payload.index === 0 || month.endsWith('-01');
  return (
    <text x={x} y={y} textAnchor="middle" fill="currentColor" fontSize={11}>
      <tspan x={x} dy="0.9em">{monthLabel(month)}</tspan>
      {withYear && (
        <tspan x={x} dy="1.2em">
          {month.slice(0, 4)}
        </tspan>
      )}
    </text>
  );
}

/** Every label when they fit, else every k-th at a regular step (never irregular gaps). */
export function monthInterval(count: number, fits = 12): number {
  return count <= fits ? 0 : Math.ceil(count / fits) - 1;
}

/** How many month labels fit across a chart: fewer on a phone. */
export function useMonthLabelsThatFit(): number {
  return useMediaQuery('(max-width: 600px)') ? 6 : 12;
}
