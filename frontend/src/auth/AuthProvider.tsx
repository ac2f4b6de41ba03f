// Holds the login state for the React tree: restores the session from the refresh cookie
// once on page load, and empties Apollo's cache whenever the user changes or leaves, so
// nothing of one user is ever shown to the next.
import { useApolloClient } from '@apollo/client';
import { useEffect, useMemo, useRef, useSyncExternalStore, type ReactNode } from 'react';
import { AuthContext, type AuthContextValue } from './AuthContext';
import { restoreSession, type SessionApi } from './session';
import type { SessionStore } from './sessionStore';

interface Props {
  store: SessionStore;
  sessions: SessionApi;
  children: ReactNode;
}

export function AuthProvider({ store, sessions, children }: Props) {
  const snapshot = useSyncExternalStore(
    (listener) => store.subscribe(listener),
    () => store.getSnapshot(),
  );
  const client = useApolloClient();

  useEffect(() => {
    if (store.getSnapshot().status !== 'restoring') return;
    void restoreSession(sessions).then((session) => {
      if (store.getSnapshot().status !== 'restoring') return;
      if (session) store.signIn(session);
      else store.signOut(null);
    });
  }, [store, sessions]);

  // Only a user leaving empties the cache: before the first restore nobody was signed in,
  // and clearing then would drop public answers the login page already has (its sign-in
  // providers) without fetching them again.
  const everSignedIn = useRef(false);
  useEffect(() => {
    if (snapshot.status === 'authenticated') everSignedIn.current = true;
    if (snapshot.status === 'anonymous' && everSignedIn.current) void client.clearStore();
  }, [snapshot.status, client]);

  const value = useMemo<AuthContextValue>(
    () => ({
      ...snapshot,
      signIn(session) {
        void client.clearStore();
        store.signIn(session);
      },
      async signOut(notice) {
        await sessions.endSession(store.accessToken());
        store.signOut(notice ?? 'You have logged out.');
      },
      renew(session) {
        store.signIn(session);
      },
      ended(notice) {
        store.signOut(notice);
      },
      endedElsewhere(notice) {
        // The store, not this render's snapshot: the page may have left a moment ago.
        if (store.getSnapshot().status === 'authenticated') store.signOut(notice);
      },
    }),
    [snapshot, client, store, sessions],
  );

  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}
