// Pick the Overview's period: the last twelve months, or a calendar year with data (or
// this one).
import { useId } from 'react';
import type { Period } from './useOverview';

interface Props {
  value: Period;
  years: readonly number[];
  onChange: (period: Period) => void;
}

export function PeriodSelect({ value, years, onChange }: Props) {
  const id = useId();
  const thisYear = new Date().getFullYear();
  const options = [...new Set([thisYear, ...years, ...(value.kind === 'year' ? [value.year] : [])])].sort((a, b) => b - a);
  return (
    <div className="inline-field">
      <label htmlFor={id}>Period</label>
      <select
        id={id}
        value={value.kind === 'year' ? String(value.year) : 'last12'}
        onChange={(e) => onChange(e.target.value === 'last12' ? { kind: 'last12' } : { kind: 'year', year: Number(e.target.value) })}
      >
        <option value="last12">Last 12 months</option>
        {options.map((y) => (
          <option key={y} value={y}>
            {y}
          </option>
        ))}
      </select>
    </div>
  );
}
