// What pages know about the login: the snapshot of the session store and the two actions.
import { createContext, useContext } from 'react';
import type { AuthSnapshot, Session } from './sessionStore';

export interface AuthContextValue extends AuthSnapshot {
  /** After login or signup: keep the session (in memory) and start from an empty cache. */
  signIn: (session: Session) => void;
  /** Log out: end the server session, forget the token and the cached data. */
  signOut: (notice?: string) => Promise<void>;
}

export const AuthContext = createContext<AuthContextValue | null>(null);

/** The login state; only inside <AuthProvider>. */
export function useAuth(): AuthContextValue {
  const value = useContext(AuthContext);
  if (!value) throw new Error('useAuth needs an <AuthProvider> above it');
  return value;
}
