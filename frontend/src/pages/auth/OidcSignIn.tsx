// "Continue with <provider>" for each configured sign-in provider (a plain navigation to
// the server's start route), and the error the provider callback sent back, if any.
import { useQuery } from '@apollo/client';
import { useLocation } from 'react-router';
import { graphql } from '../../gql';
import { fragmentParam, oidcErrorMessage } from '../../lib/oidcErrors';

export const OidcProvidersDoc = graphql(`
  query OidcProviders {
    oidcProviders {
      name
      displayName
      startPath
    }
  }
`);

export function OidcSignIn() {
  const location = useLocation();
  const { data } = useQuery(OidcProvidersDoc);
  const error = fragmentParam(location.hash, 'oidcError');
  const providers = data?.oidcProviders ?? [];
  if (!error && providers.length === 0) return null;
  return (
    <div className="oidc-sign-in">
      {error && (
        <p role="alert" className="error">
          {oidcErrorMessage(error)}
        </p>
      )}
      {providers.map((p) => (
        <a key={p.name} className="button-link" href={p.startPath}>
          Continue with {p.displayName}
        </a>
      ))}
    </div>
  );
}
