// Pick a year among those with data (from the API's `years`), plus the current one.
import { useId } from 'react';

interface Props {
  value: number;
  years: readonly number[];
  onChange: (year: number) => void;
}

export function YearSelect({ value, years, onChange }: Props) {
  const id = useId();
  const options = [...new Set([value, new Date().getFullYear(), ...years])].sort((a, b) => b - a);
  return (
    <div className="inline-field">
      <label htmlFor={id}>Year</label>
      <select id={id} value={value} onChange={(e) => onChange(Number(e.target.value))}>
        {options.map((y) => (
          <option key={y} value={y}>
            {y}
          </option>
        ))}
      </select>
    </div>
  );
}
