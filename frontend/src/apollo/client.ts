// The Apollo Client of the dashboard: auth link (bearer token, refresh once on 401), then
// the trusted-documents link (the operation's id instead of its text), before the HTTP link
// to the same-origin `/graphql` (cookies go along for the refresh call).

import { ApolloClient, HttpLink, InMemoryCache, from } from '@apollo/client';
import { createAuthLink } from '../auth/authLink';
import type { SessionApi } from '../auth/session';
import type { SessionStore } from '../auth/sessionStore';
import { createTrustedDocumentsLink } from './trusted';

export interface ClientDeps {
  store: SessionStore;
  sessions: SessionApi;
  fetch?: typeof fetch;
  uri?: string;
}

/** A client whose requests carry `store`'s token and refresh it through `sessions`. */
export function createApolloClient({ store, sessions, fetch, uri = '/graphql' }: ClientDeps) {
  const auth = createAuthLink({
    getToken: () => store.accessToken(),
    refresh: async () => {
      const session = await sessions.refreshOnce();
      if (!session) return null;
      store.signIn(session);
      return session.accessToken;
    },
    onSessionLost: (message) => store.signOut(message),
  });
  const http = new HttpLink({ uri, credentials: 'same-origin', ...(fetch ? { fetch } : {}) });
  return new ApolloClient({
    link: from([auth, createTrustedDocumentsLink(), http]),
    cache: new InMemoryCache(),
    defaultOptions: {
      watchQuery: { fetchPolicy: 'cache-and-network', errorPolicy: 'none' },
    },
  });
}
