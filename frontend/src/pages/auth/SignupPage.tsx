// Create an account (username, email, password, base currency) and log in.
import { useMutation } from '@apollo/client';
import { useState, type FormEvent } from 'react';
import { Link, Navigate, useNavigate } from 'react-router';
import { useAuth } from '../../auth/AuthContext';
import { SignupDoc } from '../../auth/operations';
import { Field } from '../../components/Field';
import { FormErrors } from '../../components/FormErrors';
import { formErrors } from '../../lib/errors';
import { useCooldown } from '../../lib/useCooldown';
import { AuthLayout } from './AuthLayout';

const FIELDS = ['username', 'email', 'password', 'baseCurrency'] as const;

export function SignupPage() {
  const auth = useAuth();
  const navigate = useNavigate();
  const [form, setForm] = useState({ username: '', email: '', password: '', baseCurrency: 'USD' });
  const [wait, startWait] = useCooldown();
  const [signup, { loading, error, reset }] = useMutation(SignupDoc, {
    onError: (e) => {
      const retry = formErrors(e, FIELDS).retryAfter;
      if (retry) startWait(retry);
    },
  });

  if (auth.status === 'authenticated') return <Navigate to="/" replace />;
  const errors = error ? formErrors(error, FIELDS) : null;
  const set = (key: keyof typeof form) => (e: { target: { value: string } }) =>
    setForm((f) => ({ ...f, [key]: e.target.value }));

  async function submit(event: FormEvent) {
    event.preventDefault();
    reset();
    const input = {
      username: form.username.trim(),
      email: form.email.trim(),
      password: form.password,
      baseCurrency: form.baseCurrency.trim().toUpperCase() || null,
    };
    const result = await signup({ variables: { input } }).catch(() => null);
    if (result?.data) {
      auth.signIn(result.data.signup);
      void navigate('/', { replace: true });
    }
  }

  return (
    <AuthLayout title="Create your account">
      <form onSubmit={submit} noValidate aria-busy={loading}>
        <Field label="Username" hint="3–32 letters, digits, _ . -" error={errors?.fields.username}>
          <input autoComplete="username" required value={form.username} onChange={set('username')} />
        </Field>
        <Field label="Email" error={errors?.fields.email}>
          <input type="email" autoComplete="email" required value={form.email} onChange={set('email')} />
        </Field>
        <Field label="Password" hint="At least 8 characters" error={errors?.fields.password}>
          <input type="password" autoComplete="new-password" required value={form.password} onChange={set('password')} />
        </Field>
        <Field label="Currency" hint="ISO 4217 code of your main account, e.g. USD, EUR" error={errors?.fields.baseCurrency}>
          <input maxLength={3} autoComplete="off" value={form.baseCurrency} onChange={set('baseCurrency')} />
        </Field>
        <FormErrors messages={errors?.form ?? []} />
        {wait > 0 && <p className="hint">You can try again in {wait} s.</p>}
        <button type="submit" className="primary" disabled={loading || wait > 0}>
          {loading ? 'Creating…' : 'Create account'}
        </button>
      </form>
      <p>
        Already have an account? <Link to="/login">Log in</Link>
      </p>
    </AuthLayout>
  );
}
