// Log in with email and password, or through a configured sign-in provider. Shows why the user is here (session ended, logged out),
// the server's field errors, and the wait when rate limited.
import { useMutation } from '@apollo/client';
import { useState, type FormEvent } from 'react';
import { Link, Navigate, useLocation, useNavigate } from 'react-router';
import { useAuth } from '../../auth/AuthContext';
import { LoginDoc } from '../../auth/operations';
import { Field } from '../../components/Field';
import { FormErrors } from '../../components/FormErrors';
import { formErrors } from '../../lib/errors';
import { useCooldown } from '../../lib/useCooldown';
import { AuthLayout } from './AuthLayout';
import { OidcSignIn } from './OidcSignIn';

const FIELDS = ['email', 'password'] as const;

export function LoginPage() {
  const auth = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const from = (location.state as { from?: string } | null)?.from ?? '/';
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [wait, startWait] = useCooldown();
  const [login, { loading, error, reset }] = useMutation(LoginDoc, {
    onError: (e) => {
      const retry = formErrors(e, FIELDS).retryAfter;
      if (retry) startWait(retry);
    },
  });

  if (auth.status === 'authenticated') return <Navigate to={from} replace />;
  const errors = error ? formErrors(error, FIELDS) : null;

  async function submit(event: FormEvent) {
    event.preventDefault();
    reset();
    const result = await login({ variables: { input: { email: email.trim(), password } } }).catch(() => null);
    if (result?.data) {
      auth.signIn(result.data.login);
      void navigate(from, { replace: true });
    }
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
