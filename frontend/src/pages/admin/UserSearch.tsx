// Search the users by username or email (contains, any case).
import { useState, type FormEvent } from 'react';
import { Field } from '../../components/Field';

interface Props {
  value: string;
  onSearch: (value: string) => void;
}

export function UserSearch({ value, onSearch }: Props) {
  const [text, setText] = useState(value);
  function submit(event: FormEvent) {
    event.preventDefault();
    onSearch(text);
  }
  return (
    <form role="search" aria-label="Users" onSubmit={submit} className="inline-form">
      <Field label="Username or email contains">
        <input type="search" value={text} onChange={(e) => setText(e.target.value)} />
      </Field>
      <button type="submit">Search</button>
      {value && (
        <button
          type="button"
          onClick={() => {
            setText('');
            onSearch('');
          }}
        >
          Clear
        </button>
      )}
    </form>
  );
}
