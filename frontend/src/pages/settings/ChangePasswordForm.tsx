// Change the password: the current one, the new one twice, and with two-factor sign-in on
// a code from the app (or a recovery code). The API ends every other
// session and returns a new access token for this one, which is kept (in memory).
import { useApolloClient, useMutation, useQuery } from '@apollo/client';
import { useState, type FormEvent } from 'react';
import { useAuth } from '../../auth/AuthContext';
import { Field } from '../../components/Field';
import { FormErrors } from '../../components/FormErrors';
import { formErrors } from '../../lib/errors';
import { ChangePasswordDoc } from './operations';
import { TwoFactorStatusDoc } from './twoFactorOperations';

const FIELDS = ['currentPassword', 'newPassword', 'twoFactorCode'] as const;
const EMPTY = { currentPassword: '', newPassword: '', repeat: '', twoFactorCode: '' };

export function ChangePasswordForm() {
  const auth = useAuth();
  const client = useApolloClient();
  const [form, setForm] = useState(EMPTY);
  const [mismatch, setMismatch] = useState(false);
  const [done, setDone] = useState(false);
  const [change, { loading, error, reset }] = useMutation(ChangePasswordDoc);
  const twoFactor = useQuery(TwoFactorStatusDoc).data?.me.twoFactorEnabled ?? false;
  const errors = error ? formErrors(error, FIELDS) : null;
  const set = (key: keyof typeof EMPTY) => (e: { target: { value: string } }) => {
    setForm((f) => ({ ...f, [key]: e.target.value }));
    setDone(false);
  };

  async function submit(event: FormEvent) {
    event.preventDefault();
    reset();
    setDone(false);
    const differ = form.newPassword !== form.repeat;
    setMismatch(differ);
    if (differ) return;
    const input = {
      currentPassword: form.currentPassword,
      newPassword: form.newPassword,
      ...(twoFactor ? { twoFactorCode: form.twoFactorCode.trim() } : {}),
    };
    const result = await change({ variables: { input } }).catch(() => null);
    if (!result?.data) return;
    auth.renew(result.data.changePassword);
    setForm(EMPTY);
    setDone(true);
    // Only this session is left, and the change is in the audit log.
    void client.refetchQueries({ include: ['Sessions', 'MyAuditLog'] });
  }

  return (
    <section className="panel" aria-labelledby="password-h">
      <h3 id="password-h" className="panel-title">Change password</h3>
      <form onSubmit={submit} noValidate aria-busy={loading} aria-labelledby="password-h" className="narrow-form">
        <Field label="Current password" error={errors?.fields.currentPassword}>
          <input type="password" autoComplete="current-password" required value={form.currentPassword} onChange={set('currentPassword')} />
        </Field>
        <Field
          label="New password"
          hint="At least 8 characters. A few unrelated words make a strong one; common passwords are refused."
          error={errors?.fields.newPassword}
        >
          <input type="password" autoComplete="new-password" required value={form.newPassword} onChange={set('newPassword')} />
        </Field>
        <Field label="Repeat the new password" error={mismatch ? 'The two new passwords differ.' : null}>
          <input type="password" autoComplete="new-password" required value={form.repeat} onChange={set('repeat')} />
        </Field>
        {twoFactor && (
          <Field label="Two-factor code" hint="From your authenticator app, or a recovery code." error={errors?.fields.twoFactorCode}>
            <input autoComplete="one-time-code" required value={form.twoFactorCode} onChange={set('twoFactorCode')} />
          </Field>
        )}
        <FormErrors messages={errors?.form ?? []} />
        <button type="submit" className="primary" disabled={loading || !form.currentPassword || !form.newPassword}>
          {loading ? 'Changing…' : 'Change password'}
        </button>
      </form>
      {done && (
        <p role="status" className="notice">
          Your password has been changed. Every other session has been logged out; this one continues.
        </p>
      )}
    </section>
  );
}
