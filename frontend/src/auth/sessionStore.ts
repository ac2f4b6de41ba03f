// Who is logged in, in memory only: the access token lives in this module-level store
// (never localStorage or sessionStorage), so a script injected into the page cannot read a
// stored token and a reload forgets it — the HttpOnly refresh cookie restores the session.

import type { AuthFieldsFragment } from '../gql/graphql';

/** A logged-in session: the access token and its user, exactly as the API returned them. */
export type Session = AuthFieldsFragment;

export type AuthStatus = 'restoring' | 'anonymous' | 'authenticated';

export interface AuthSnapshot {
  status: AuthStatus;
  session: Session | null;
  /** Why the user is on the login page (e.g. the session ended), shown there. */
  notice: string | null;
}

export interface SessionStore {
  getSnapshot: () => AuthSnapshot;
  subscribe(listener: () => void): () => void;
  accessToken: () => string | null;
  signIn: (session: Session) => void;
  signOut: (notice: string | null) => void;
}

/** A fresh store, starting in `restoring` (the page has not asked the refresh cookie yet). */
export function createSessionStore(): SessionStore {
  let snapshot: AuthSnapshot = { status: 'restoring', session: null, notice: null };
  const listeners = new Set<() => void>();
  const set = (next: AuthSnapshot) => {
    snapshot = next;
    for (const listener of listeners) listener();
  };
  return {
    getSnapshot: () => snapshot,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    accessToken: () => snapshot.session?.accessToken ?? null,
    signIn: (session) => set({ status: 'authenticated', session, notice: null }),
    signOut: (notice) => set({ status: 'anonymous', session: null, notice }),
  };
}

/** The page's one store. */
export const sessionStore = createSessionStore();
