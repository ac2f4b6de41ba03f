// What pages know about the login: the snapshot of the session store and its actions.
import { createContext, useContext } from 'react';
import type { AuthSnapshot, Session } from './sessionStore';

export interface AuthContextValue extends AuthSnapshot {
  /** After login or signup: keep the session (in memory) and start from an empty cache. */
  signIn: (session: Session) => void;
  /** Log out: end the server session, forget the token and the cached data. */
  signOut: (notice?: string) => Promise<void>;
  /** A new access token for the same session (after changePassword): keep it and the cache. */
  renew: (session: Session) => void;
  /** The server already ended this session (revoked, logged out everywhere): forget it here. */
  ended: (notice: string) => void;
  /**
   * The live connection says this session ended: as `ended`, unless this page has already
   * left (its own logout, revoke or "log out everywhere"), whose message stays.
   */
  endedElsewhere: (notice: string) => void;
}

export const AuthContext = createContext<AuthContextValue | null>(null);

/** The login state; only inside <AuthProvider>. */
export function useAuth(): AuthContextValue {
  const value = useContext(AuthContext);
  if (!value) throw new Error('useAuth needs an <AuthProvider> above it');
  return value;
}
