// Turning two-factor sign-in on: the password, then the secret (QR code and text) to add to
// an authenticator app, then a first code to confirm; the recovery codes come last.
import { useMutation } from '@apollo/client';
import { useState, type FormEvent } from 'react';
import { Field } from '../../components/Field';
import { FormErrors } from '../../components/FormErrors';
import { formErrors } from '../../lib/errors';
import { QrCode } from './QrCode';
import { ConfirmTwoFactorEnrolmentDoc, StartTwoFactorEnrolmentDoc } from './twoFactorOperations';

export function TwoFactorEnrol({ onEnabled }: { onEnabled: (codes: string[]) => void }) {
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [start, started] = useMutation(StartTwoFactorEnrolmentDoc);
  const [confirm, confirmed] = useMutation(ConfirmTwoFactorEnrolmentDoc);
  const enrolment = started.data?.startTwoFactorEnrolment;
  const startErrors = started.error ? formErrors(started.error, ['password']) : null;
  const confirmErrors = confirmed.error ? formErrors(confirmed.error, ['code']) : null;

  async function begin(event: FormEvent) {
    event.preventDefault();
    started.reset();
    await start({ variables: { input: { password } } }).catch(() => null);
    setPassword('');
  }

  async function finish(event: FormEvent) {
    event.preventDefault();
    confirmed.reset();
    const result = await confirm({ variables: { input: { code: code.replace(/\s/g, '') } } }).catch(() => null);
    if (result?.data) onEnabled(result.data.confirmTwoFactorEnrolment.codes);
  }

  if (!enrolment) {
    return (
      <form onSubmit={begin} noValidate aria-busy={started.loading} className="narrow-form" aria-label="Set up two-factor sign-in">
        <p>Sign-in will also ask for a code from an authenticator app on your phone.</p>
        <Field label="Current password" error={startErrors?.fields.password}>
          <input type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} />
        </Field>
        <FormErrors messages={startErrors?.form ?? []} />
        <button type="submit" className="primary" disabled={!password || started.loading}>
          Set up two-factor sign-in
        </button>
      </form>
    );
  }
  return (
    <form onSubmit={finish} noValidate aria-busy={confirmed.loading} className="narrow-form" aria-label="Confirm two-factor sign-in">
      <p>Scan this QR code with your authenticator app, or type the key into it.</p>
      <QrCode value={enrolment.otpauthUri} label="QR code for your authenticator app" />
      <p>
        Key: <code data-testid="two-factor-secret">{enrolment.secret}</code>
      </p>
      <Field label="Code from the app" error={confirmErrors?.fields.code}>
        <input inputMode="numeric" autoComplete="one-time-code" value={code} onChange={(e) => setCode(e.target.value)} />
      </Field>
      <FormErrors messages={confirmErrors?.form ?? []} />
      <button type="submit" className="primary" disabled={!code.trim() || confirmed.loading}>
        Turn on two-factor sign-in
      </button>
    </form>
  );
}
