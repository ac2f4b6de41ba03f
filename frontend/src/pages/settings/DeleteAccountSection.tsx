// Delete the user and all their data, for good — after the password and a confirmation.
import { useMutation } from '@apollo/client';
import { useState, type FormEvent } from 'react';
import { useAuth } from '../../auth/AuthContext';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { Field } from '../../components/Field';
import { formErrors } from '../../lib/errors';
import { DeleteMyAccountDoc } from './operations';

export function DeleteAccountSection() {
  const auth = useAuth();
  const [password, setPassword] = useState('');
  const [confirming, setConfirming] = useState(false);
  const [erase, { loading, error, reset }] = useMutation(DeleteMyAccountDoc);
  const errors = error ? formErrors(error, ['password']) : null;

  async function confirm() {
    const result = await erase({ variables: { password } }).catch(() => null);
    setConfirming(false);
    if (result?.data?.deleteMyAccount) await auth.signOut('Your account and all its data have been deleted.');
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    reset();
    if (password) setConfirming(true);
  }

  return (
    <section className="panel danger-zone" aria-labelledby="delete-h">
      <h2 id="delete-h">Delete my account</h2>
      <p>Removes your user and every account, transaction, budget and valuation. This cannot be undone.</p>
      <form onSubmit={submit} noValidate className="inline-form">
        <Field label="Your password" error={errors?.fields.password ?? (errors?.form.length ? errors.form.join(' ') : null)}>
          <input type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} />
        </Field>
        <button type="submit" className="danger" disabled={!password || loading}>Delete my account</button>
      </form>
      {confirming && (
        <ConfirmDialog title="Delete your account and all its data?" confirmLabel="Delete everything" busy={loading} onCancel={() => setConfirming(false)} onConfirm={() => void confirm()}>
          <p>There is no way back. Consider exporting your data first.</p>
        </ConfirmDialog>
      )}
    </section>
  );
}
