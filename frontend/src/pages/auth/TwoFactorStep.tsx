// The login's second step: a code from the authenticator app, or a recovery code. A wrong
// code can be retried (a few times: the server counts them toward the account lock); an
// expired or used-up challenge sends the user back to the password.
import { useMutation } from '@apollo/client';
import { useState, type FormEvent } from 'react';
import { CompleteTwoFactorLoginDoc } from '../../auth/operations';
import type { Challenge } from '../../auth/twoFactor';
import type { Session } from '../../auth/sessionStore';
import { Field } from '../../components/Field';
import { FormErrors } from '../../components/FormErrors';
import { apiErrors, formErrors } from '../../lib/errors';

const FIELDS = ['code', 'recoveryCode'] as const;

interface Props {
  challenge: Challenge;
  onSignedIn: (session: Session) => void;
  /** Back to the email and password (the challenge is over). */
  onRestart: () => void;
}

export function TwoFactorStep({ challenge, onSignedIn, onRestart }: Props) {
  const [useRecovery, setUseRecovery] = useState(false);
  const [value, setValue] = useState('');
  const [complete, { loading, error, reset }] = useMutation(CompleteTwoFactorLoginDoc);
  const errors = error ? formErrors(error, FIELDS) : null;
  const over = apiErrors(error).some((e) => e.code === 'UNAUTHENTICATED');

  async function submit(event: FormEvent) {
    event.preventDefault();
    reset();
    const answer = useRecovery ? { recoveryCode: value.trim() } : { code: value.replace(/\s/g, '') };
    const input = { challenge: challenge.token, ...answer };
    const result = await complete({ variables: { input } }).catch(() => null);
    if (result?.data) onSignedIn(result.data.completeTwoFactorLogin);
  }

  function switchKind() {
    setUseRecovery((r) => !r);
    setValue('');
    reset();
  }

  return (
    <form onSubmit={submit} noValidate aria-busy={loading} aria-labelledby="two-factor-h">
      <h2 id="two-factor-h">Two-factor sign-in</h2>
      {useRecovery ? (
        <Field label="Recovery code" hint="One of the codes you saved when you turned on two-factor sign-in. Each works once.">
          <input autoComplete="off" autoCapitalize="characters" required value={value} onChange={(e) => setValue(e.target.value)} />
        </Field>
      ) : (
        <Field label="Authentication code" hint="The 6-digit code your authenticator app shows for Tally.">
          <input
            inputMode="numeric"
            autoComplete="one-time-code"
            pattern="[0-9 ]*"
            required
            value={value}
            onChange={(e) => setValue(e.target.value)}
          />
        </Field>
      )}
      <FormErrors messages={errors ? [...Object.values(errors.fields), ...errors.form] : []} />
      {over ? (
        <button type="button" className="primary" onClick={onRestart}>
          Log in again
        </button>
      ) : (
        <button type="submit" className="primary" disabled={loading || !value.trim()}>
          {loading ? 'Checking…' : 'Verify'}
        </button>
      )}
      <button type="button" className="link" onClick={switchKind}>
        {useRecovery ? 'Use a code from the app instead' : 'Use a recovery code instead'}
      </button>
    </form>
  );
}
