// Sign-in methods: the linked providers (link one — the browser goes to the provider and
// back —, unlink one, never the last way to sign in) and, for an account made through a
// provider, a first password. Shows the outcome the link callback put in the fragment.
import { useMutation, useQuery } from '@apollo/client';
import { useState, type FormEvent } from 'react';
import { useLocation } from 'react-router';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Field } from '../../components/Field';
import { FormErrors } from '../../components/FormErrors';
import { graphql } from '../../gql';
import { formErrors } from '../../lib/errors';
import { fragmentParam, oidcErrorMessage } from '../../lib/oidcErrors';

export const SignInMethodsDoc = graphql(`
  query SignInMethods {
    me {
      id
      hasPassword
      identities {
        provider
        email
        linkedAt
      }
    }
    oidcProviders {
      name
      displayName
    }
  }
`);

export const StartOidcLinkDoc = graphql(`
  mutation StartOidcLink($provider: String!) {
    startOidcLink(provider: $provider) {
      url
    }
  }
`);

export const UnlinkOidcProviderDoc = graphql(`
  mutation UnlinkOidcProvider($provider: String!) {
    unlinkOidcProvider(provider: $provider)
  }
`);

export const SetPasswordDoc = graphql(`
  mutation SetPassword($input: SetPasswordInput!) {
    setPassword(input: $input)
  }
`);

export function SignInMethodsPanel() {
  const location = useLocation();
  const { data, error, refetch } = useQuery(SignInMethodsDoc);
  const [start, starting] = useMutation(StartOidcLinkDoc);
  const [unlink, unlinking] = useMutation(UnlinkOidcProviderDoc, { refetchQueries: ['SignInMethods', 'MyAuditLog'] });
  const linked = fragmentParam(location.hash, 'oidcLinked');
  const failed = fragmentParam(location.hash, 'oidcError');
  const providers = data?.oidcProviders ?? [];
  if (providers.length === 0 && !data?.me.identities.length) return null;
  const identities = data?.me.identities ?? [];
  const nameOf = (provider: string) => providers.find((p) => p.name === provider)?.displayName ?? provider;

  async function link(provider: string) {
    const result = await start({ variables: { provider } }).catch(() => null);
    if (result?.data) window.location.assign(result.data.startOidcLink.url);
  }

  return (
    <section className="panel" aria-labelledby="providers-h">
      <h3 id="providers-h" className="panel-title">Sign-in providers</h3>
      {linked && (
        <p role="status" className="notice">
          {nameOf(linked)} is now linked: you can sign in with it.
        </p>
      )}
      {failed && (
        <p role="alert" className="error">
          {oidcErrorMessage(failed)}
        </p>
      )}
      {error && <ErrorNotice error={error} onRetry={() => void refetch()} />}
      <ul className="plain-list">
        {providers.map((p) => {
          const identity = identities.find((i) => i.provider === p.name);
          return (
            <li key={p.name}>
              <strong>{p.displayName}</strong>{' '}
              {identity ? (
                <>
                  linked{identity.email ? ` (${identity.email})` : ''}{' '}
                  <button type="button" disabled={unlinking.loading} onClick={() => void unlink({ variables: { provider: p.name } }).catch(() => null)}>
                    Unlink {p.displayName}
                  </button>
                </>
              ) : (
                <button type="button" disabled={starting.loading} onClick={() => void link(p.name)}>
                  Link {p.displayName}
                </button>
              )}
            </li>
          );
        })}
      </ul>
      {unlinking.error && <ErrorNotice error={unlinking.error} title="The provider was not unlinked." />}
      {starting.error && <ErrorNotice error={starting.error} title="The link could not be started." />}
      {data && !data.me.hasPassword && <SetPasswordForm onDone={() => void refetch()} />}
    </section>
  );
}

const FIELDS = ['newPassword'] as const;

function SetPasswordForm({ onDone }: { onDone: () => void }) {
  const [password, setPassword] = useState('');
  const [set, { loading, error, reset }] = useMutation(SetPasswordDoc);
  const errors = error ? formErrors(error, FIELDS) : null;

  async function submit(event: FormEvent) {
    event.preventDefault();
    reset();
    const result = await set({ variables: { input: { newPassword: password } } }).catch(() => null);
    if (result?.data) {
      setPassword('');
      onDone();
    }
  }

  return (
    <form onSubmit={submit} noValidate aria-busy={loading} className="narrow-form" aria-label="Set a password">
      <p className="hint">This account has no password yet: you sign in through a provider. Set one to also log in with your email.</p>
      <Field label="New password" error={errors?.fields.newPassword}>
        <input type="password" autoComplete="new-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
      </Field>
      <FormErrors messages={errors?.form ?? []} />
      <button type="submit" className="primary" disabled={loading || !password}>
        {loading ? 'Setting…' : 'Set password'}
      </button>
    </form>
  );
}
