// The Apollo Client of the dashboard. Queries and mutations: auth link (bearer token,
// refresh once on 401), then the trusted-documents link (the operation's id instead of its
// text), before the HTTP link to the same-origin `/graphql` (cookies go along for the
// refresh call). Subscriptions: the WebSocket on the same path (live/socket.ts), by id too.

import { ApolloClient, HttpLink, InMemoryCache, from } from '@apollo/client';
import type { Client } from 'graphql-ws';
import { createAuthLink } from '../auth/authLink';
import type { SessionApi } from '../auth/session';
import type { SessionStore } from '../auth/sessionStore';
import { createLiveLink, splitLive } from '../live/liveLink';
import { ledgerRefetch } from '../live/refetch';
import { createLiveSocket, socketUrl } from '../live/socket';
import { createTrustedDocumentsLink } from './trusted';

export interface ClientDeps {
  store: SessionStore;
  sessions: SessionApi;
  fetch?: typeof fetch;
  uri?: string;
  /** The subscriptions' client; by default a WebSocket next to `uri`. */
  live?: Client;
}

/** A client whose requests carry `store`'s token and refresh it through `sessions`. */
export function createApolloClient({ store, sessions, fetch, uri = '/graphql', live }: ClientDeps) {
  const refresh = async () => {
    const session = await sessions.refreshOnce();
    if (!session) return null;
    store.signIn(session);
    return session.accessToken;
  };
  const onSessionLost = (message: string) => store.signOut(message);
  const auth = createAuthLink({ getToken: () => store.accessToken(), refresh, onSessionLost });
  const http = new HttpLink({ uri, credentials: 'same-origin', ...(fetch ? { fetch } : {}) });
  const socket = live ?? createLiveSocket({ url: socketUrl(uri), store, refresh, onSessionLost });
  const client = new ApolloClient({
    link: splitLive(createLiveLink(socket), from([auth, createTrustedDocumentsLink(), http])),
    cache: new InMemoryCache(),
    defaultOptions: {
      watchQuery: { fetchPolicy: 'cache-and-network', errorPolicy: 'none' },
    },
  });
  // Changes made while the socket was down were not sent to it: catch up after a reconnection.
  socket.on('connected', (_socket, _payload, wasRetry) => {
    if (wasRetry) ledgerRefetch(client).schedule();
  });
  return client;
}
