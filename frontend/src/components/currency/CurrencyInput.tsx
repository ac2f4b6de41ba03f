// A currency field: type a code or a name and pick from the ISO 4217 currencies the API
// accepts (a native, searchable suggestion list). Use inside a Field for its label.
import { useId, type InputHTMLAttributes } from 'react';
import { useCurrencies } from './useCurrencies';

interface Props extends Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange' | 'list'> {
  value: string;
  onChange: (code: string) => void;
}

export function CurrencyInput({ value, onChange, ...rest }: Props) {
  const listId = useId();
  const currencies = useCurrencies();
  return (
    <>
      <input
        {...rest}
        list={listId}
        value={value}
        autoComplete="off"
        spellCheck={false}
        maxLength={3}
        onChange={(e) => onChange(e.target.value.toUpperCase())}
      />
      <datalist id={listId}>
        {currencies.map((c) => (
          <option key={c.code} value={c.code} label={`${c.code} — ${c.name}`}>
            {c.name}
          </option>
        ))}
      </datalist>
    </>
  );
}
