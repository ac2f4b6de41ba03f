// The login's second step: the challenge of a TWO_FACTOR_REQUIRED answer, or one handed
// over in the URL fragment `#twoFactorChallenge=<token>` (the OpenID Connect callback sends
// 2FA users there). A fragment never reaches a server; it is removed from the address bar
// as soon as it is read, so it is not left in the history or bookmarked.
import { ApolloError } from '@apollo/client';

export interface Challenge {
  token: string;
  /** RFC 3339, or null when unknown (handed over in the URL). */
  expiresAt: string | null;
}

const FRAGMENT_KEY = 'twoFactorChallenge';
let handedOver: string | null = null;

/** The challenge of a login's TWO_FACTOR_REQUIRED error, if that is what `error` is. */
export function challengeOf(error: unknown): Challenge | null {
  if (!(error instanceof ApolloError)) return null;
  for (const e of error.graphQLErrors) {
    const ext = e.extensions ?? {};
    if (ext.code === 'TWO_FACTOR_REQUIRED' && typeof ext.challenge === 'string') {
      return { token: ext.challenge, expiresAt: typeof ext.expiresAt === 'string' ? ext.expiresAt : null };
    }
  }
  return null;
}

/** Read a handed-over challenge from the URL fragment and remove it from the address bar. */
export function captureHandedOverChallenge(location: Location = window.location, history: History = window.history) {
  const params = new URLSearchParams(location.hash.replace(/^#/, ''));
  const token = params.get(FRAGMENT_KEY);
  if (!token) return;
  handedOver = token;
  history.replaceState(history.state, '', location.pathname + location.search);
}

/** The handed-over challenge, once (later calls answer null). */
export function takeHandedOverChallenge(): Challenge | null {
  captureHandedOverChallenge();
  const token = handedOver;
  handedOver = null;
  return token ? { token, expiresAt: null } : null;
}
