// Change the username and the base currency (reports default to it); the API's field
// errors land on their inputs.
import { useMutation } from '@apollo/client';
import { useState, type FormEvent } from 'react';
import { CurrencyInput } from '../../components/currency/CurrencyInput';
import { Field } from '../../components/Field';
import { FormErrors } from '../../components/FormErrors';
import { formErrors } from '../../lib/errors';
import { UpdateProfileDoc } from './operations';

const FIELDS = ['username', 'baseCurrency'] as const;

export function ProfileForm({ username, baseCurrency }: { username: string; baseCurrency: string }) {
  const [form, setForm] = useState({ username, baseCurrency });
  const [saved, setSaved] = useState(false);
  const [update, { loading, error, reset }] = useMutation(UpdateProfileDoc, { refetchQueries: ['Viewer'] });
  const errors = error ? formErrors(error, FIELDS) : null;
  const changed = form.username.trim() !== username || form.baseCurrency !== baseCurrency;

  async function submit(event: FormEvent) {
    event.preventDefault();
    reset();
    setSaved(false);
    const input = {
      ...(form.username.trim() !== username ? { username: form.username.trim() } : {}),
      ...(form.baseCurrency !== baseCurrency ? { baseCurrency: form.baseCurrency } : {}),
    };
    const result = await update({ variables: { input } }).catch(() => null);
    if (result?.data) setSaved(true);
  }

  return (
    <form onSubmit={submit} noValidate aria-busy={loading} aria-label="Profile" className="narrow-form">
      <Field label="Username" hint="3–32 letters, digits, '_', '.' or '-'" error={errors?.fields.username}>
        <input autoComplete="username" value={form.username} onChange={(e) => setForm((f) => ({ ...f, username: e.target.value }))} />
      </Field>
      <Field label="Base currency" hint="Reports are in this currency; accounts keep their own." error={errors?.fields.baseCurrency}>
        <CurrencyInput value={form.baseCurrency} onChange={(baseCurrency) => setForm((f) => ({ ...f, baseCurrency }))} />
      </Field>
      <FormErrors messages={errors?.form ?? []} />
      <button type="submit" className="primary" disabled={loading || !changed}>Save profile</button>
      {saved && <p role="status" className="notice">Your profile has been saved.</p>}
    </form>
  );
}
