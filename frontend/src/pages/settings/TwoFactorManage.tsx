// Two-factor sign-in while it is on: new recovery codes (for a fresh code) and turning it
// off (the password and a code or recovery code).
import { useMutation } from '@apollo/client';
import { useState, type FormEvent } from 'react';
import { Field } from '../../components/Field';
import { FormErrors } from '../../components/FormErrors';
import { formErrors } from '../../lib/errors';
import { DisableTwoFactorDoc, RegenerateRecoveryCodesDoc } from './twoFactorOperations';

interface Props {
  remaining: number;
  onNewCodes: (codes: string[]) => void;
  onDisabled: () => void;
}

/** Six digits are an app code; anything else is taken for a recovery code. */
function answer(text: string) {
  const compact = text.replace(/\s/g, '');
  return /^\d{6}$/.test(compact) ? { code: compact } : { recoveryCode: text.trim() };
}

export function TwoFactorManage({ remaining, onNewCodes, onDisabled }: Props) {
  const [code, setCode] = useState('');
  const [password, setPassword] = useState('');
  const [offCode, setOffCode] = useState('');
  const [regenerate, regenerated] = useMutation(RegenerateRecoveryCodesDoc);
  const [disable, disabled] = useMutation(DisableTwoFactorDoc);
  const regenErrors = regenerated.error ? formErrors(regenerated.error, ['code']) : null;
  const offErrors = disabled.error ? formErrors(disabled.error, ['password', 'code']) : null;

  async function renew(event: FormEvent) {
    event.preventDefault();
    regenerated.reset();
    const result = await regenerate({ variables: { input: { code: code.replace(/\s/g, '') } } }).catch(() => null);
    setCode('');
    if (result?.data) onNewCodes(result.data.regenerateRecoveryCodes.codes);
  }

  async function turnOff(event: FormEvent) {
    event.preventDefault();
    disabled.reset();
    const input = { password, ...answer(offCode) };
    const result = await disable({ variables: { input } }).catch(() => null);
    if (result?.data?.disableTwoFactor) {
      setPassword('');
      setOffCode('');
      onDisabled();
    }
  }

  return (
    <>
      <p>
        Two-factor sign-in is <strong>on</strong>. {remaining} recovery code{remaining === 1 ? '' : 's'} left.
      </p>
      <form onSubmit={renew} noValidate className="inline-form" aria-label="New recovery codes">
        <Field label="Code from the app" error={regenErrors?.fields.code ?? (regenErrors?.form.join(' ') || null)}>
          <input inputMode="numeric" autoComplete="one-time-code" value={code} onChange={(e) => setCode(e.target.value)} />
        </Field>
        <button type="submit" disabled={!code.trim() || regenerated.loading}>
          New recovery codes
        </button>
      </form>
      <form onSubmit={turnOff} noValidate className="narrow-form" aria-label="Turn off two-factor sign-in">
        <Field label="Current password" error={offErrors?.fields.password}>
          <input type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} />
        </Field>
        <Field label="Code from the app or a recovery code" error={offErrors?.fields.code}>
          <input autoComplete="one-time-code" value={offCode} onChange={(e) => setOffCode(e.target.value)} />
        </Field>
        <FormErrors messages={offErrors?.form ?? []} />
        <button type="submit" className="danger" disabled={!password || !offCode.trim() || disabled.loading}>
          Turn off two-factor sign-in
        </button>
      </form>
    </>
  );
}
