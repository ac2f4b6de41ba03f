// Render part of the dashboard as the app does: a real Apollo client (auth link + HTTP
// link) whose fetch is the fake API and whose WebSocket is a fake graphql-ws client, the
// session store, the auth provider and a router;
// or the whole app (`renderWholeApp`) with its own routes, as a page load at `path`.
import { ApolloProvider } from '@apollo/client';
import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { MemoryRouter, Route, Routes } from 'react-router';
import { App } from '../App';
import { createApolloClient } from '../apollo/client';
import { AuthProvider } from '../auth/AuthProvider';
import { createSessionApi } from '../auth/session';
import { createSessionStore, type Session } from '../auth/sessionStore';
import { fakeLive, type FakeLive } from './fakeLive';

interface Options {
  fetch: typeof fetch;
  session?: Session;
  /** Start logged out with this notice (as after a lost session). */
  notice?: string;
  path?: string;
  /** The subscriptions' socket; a fresh fake by default. */
  live?: FakeLive;
  routes?: Record<string, ReactElement>;
}

function mount(content: ReactElement, { fetch, session, notice, path = '/', live = fakeLive() }: Options) {
  const store = createSessionStore();
  if (session) store.signIn(session);
  if (notice) store.signOut(notice);
  const fetchForSessions = (input: string, init: RequestInit) => fetch(input, init);
  const sessions = createSessionApi(fetchForSessions, 'http://tally.test/graphql');
  const client = createApolloClient({ store, sessions, fetch, uri: 'http://tally.test/graphql', live: live.client });
  const result = render(
    <ApolloProvider client={client}>
      <AuthProvider store={store} sessions={sessions}>
        <MemoryRouter initialEntries={[path]}>{content}</MemoryRouter>
      </AuthProvider>
    </ApolloProvider>,
  );
  return { ...result, store, client, live };
}

/** `ui` at `path`, and `routes` next to it. */
export function renderApp(ui: ReactElement, options: Options) {
  const { path = '/', routes = {} } = options;
  return mount(
    <Routes>
      <Route path={path} element={ui} />
      {Object.entries(routes).map(([p, element]) => (
        <Route key={p} path={p} element={element} />
      ))}
    </Routes>,
    options,
  );
}

/** The whole dashboard opened at `path`; without `session` it starts by restoring one. */
export function renderWholeApp(options: Omit<Options, 'routes'>) {
  return mount(<App />, options);
}
