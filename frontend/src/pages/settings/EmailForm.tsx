// Change the email (the login name): needs the current password, checked like a login —
// a wrong one counts toward the account lock.
import { useMutation } from '@apollo/client';
import { useState, type FormEvent } from 'react';
import { Field } from '../../components/Field';
import { FormErrors } from '../../components/FormErrors';
import { formErrors } from '../../lib/errors';
import { ChangeEmailDoc } from './operations';

const FIELDS = ['newEmail', 'password'] as const;

export function EmailForm() {
  const [form, setForm] = useState({ newEmail: '', password: '' });
  const [done, setDone] = useState(false);
  const [change, { loading, error, reset }] = useMutation(ChangeEmailDoc, { refetchQueries: ['MyAuditLog'] });
  const errors = error ? formErrors(error, FIELDS) : null;

  async function submit(event: FormEvent) {
    event.preventDefault();
    reset();
    setDone(false);
    const result = await change({ variables: { input: form } }).catch(() => null);
    if (!result?.data) return;
    setForm({ newEmail: '', password: '' });
    setDone(true);
  }

  return (
    <form onSubmit={submit} noValidate aria-busy={loading} aria-label="Change email" className="narrow-form">
      <p className="hint">You log in with your email; a new one needs your password.</p>
      <Field label="New email" error={errors?.fields.newEmail}>
        <input type="email" autoComplete="email" value={form.newEmail} onChange={(e) => setForm((f) => ({ ...f, newEmail: e.target.value }))} />
      </Field>
      <Field label="Current password" hint="Needed to change the email" error={errors?.fields.password}>
        <input type="password" autoComplete="current-password" value={form.password} onChange={(e) => setForm((f) => ({ ...f, password: e.target.value }))} />
      </Field>
      <FormErrors messages={errors?.form ?? []} />
      <button type="submit" disabled={loading || !form.newEmail || !form.password}>Change email</button>
      {done && <p role="status" className="notice">Your email has been changed; log in with the new one from now on.</p>}
    </form>
  );
}
