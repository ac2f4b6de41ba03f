// Log in with email and password, or through a configured sign-in provider ([`OidcSignIn`]).
// Shows why the user is here (session ended, logged out), the server's field errors, and the
// wait when rate limited. An account with two-factor sign-in answers TWO_FACTOR_REQUIRED: then
// the second step ([`TwoFactorStep`]) asks for a code; a challenge handed over in the URL
// fragment (a provider's sign-in) starts there.
import { useMutation } from '@apollo/client';
import { useState, type FormEvent } from 'react';
import { Link, Navigate, useLocation, useNavigate } from 'react-router';
import { useAuth } from '../../auth/AuthContext';
import { LoginDoc } from '../../auth/operations';
import type { Session } from '../../auth/sessionStore';
import { challengeOf, takeHandedOverChallenge, type Challenge } from '../../auth/twoFactor';
import { Field } from '../../components/Field';
import { FormErrors } from '../../components/FormErrors';
import { formErrors } from '../../lib/errors';
import { useCooldown } from '../../lib/useCooldown';
import { AuthLayout } from './AuthLayout';
import { OidcSignIn } from './OidcSignIn';
import { TwoFactorStep } from './TwoFactorStep';

const FIELDS = ['email', 'password'] as const;

export function LoginPage() {
  const auth = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const from = (location.state as { from?: string } | null)?.from ?? '/';
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [challenge, setChallenge] = useState<Challenge | null>(takeHandedOverChallenge);
  const [wait, startWait] = useCooldown();
  const [login, { loading, error, reset }] = useMutation(LoginDoc, {
    onError: (e) => {
      const next = challengeOf(e);
      if (next) setChallenge(next);
      const retry = formErrors(e, FIELDS).retryAfter;
      if (retry) startWait(retry);
    },
  });

  if (auth.status === 'authenticated') return <Navigate to={from} replace />;
  const errors = error && !challengeOf(error) ? formErrors(error, FIELDS) : null;

  function signedIn(session: Session) {
    auth.signIn(session);
    void navigate(from, { replace: true });
  }

  if (challenge) {
    const restart = () => {
      reset();
      setPassword('');
      setChallenge(null);
    };
    return (
      <AuthLayout title="Log in">
        <TwoFactorStep challenge={challenge} onSignedIn={signedIn} onRestart={restart} />
      </AuthLayout>
    );
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    reset();
    const result = await login({ variables: { input: { email: email.trim(), password } } }).catch(() => null);
    if (result?.data) signedIn(result.data.login);
  }

  return (
    <AuthLayout title="Log in">
      {auth.notice && (
        <p role="status" className="notice">
          {auth.notice}
        </p>
      )}
      <OidcSignIn />
      <form onSubmit={submit} noValidate aria-busy={loading}>
        <Field label="Email" error={errors?.fields.email}>
          <input type="email" autoComplete="email" required value={email} onChange={(e) => setEmail(e.target.value)} />
        </Field>
        <Field label="Password" error={errors?.fields.password}>
          <input
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </Field>
        <FormErrors messages={errors?.form ?? []} />
        {wait > 0 && <p className="hint">You can try again in {wait} s.</p>}
        <button type="submit" className="primary" disabled={loading || wait > 0}>
          {loading ? 'Logging in…' : 'Log in'}
        </button>
      </form>
      <p>
        New to Tally? <Link to="/signup">Create an account</Link>
      </p>
    </AuthLayout>
  );
}
