// The session calls of issue 4 (refresh-token cookie), behind two functions so the rest of
// the dashboard never names them: `refresh()` (also `restoreSession()` on page load) and
// `endSession()`. They are not in schema.graphql yet, so they cannot be graphql()
// documents: PLANNED holds their text, and the answer is checked field by field into the
// codegen type of the AuthFields fragment (the selection login and signup use).
//
// When issue 4 is merged: move PLANNED.refresh/logout into graphql() tags in
// auth/operations.ts, run `npm run codegen`, and send those documents here instead.
// Until then the server answers "unknown field" and `refresh()` resolves null: the app
// shows the login page.

import { print } from 'graphql';
import { AuthFieldsFragmentDoc } from '../gql/graphql';
import type { Session } from './sessionStore';

/** Issue 4's operations, by their planned names. */
export const PLANNED = {
  /** Browsers send no arguments: the HttpOnly `tally_refresh` cookie (Path=/graphql) is the token. */
  refresh: `mutation RefreshSession { refreshSession { ...AuthFields } }\n${print(AuthFieldsFragmentDoc)}`,
  logout: 'mutation Logout { logout }',
} as const;

export interface SessionApi {
  /** A new access token from the refresh cookie, or null (no cookie, expired, revoked, offline). */
  refresh: () => Promise<Session | null>;
  /** `refresh()`, shared by every caller while one is in flight (single-flight). */
  refreshOnce: () => Promise<Session | null>;
  /** End the server-side session (revoke the refresh token); failures are ignored. */
  endSession: (accessToken: string | null) => Promise<void>;
}

type Fetch = (input: string, init: RequestInit) => Promise<Response>;

async function post(fetchImpl: Fetch, endpoint: string, body: object, token: string | null) {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  return fetchImpl(endpoint, {
    method: 'POST',
    credentials: 'same-origin',
    headers,
    body: JSON.stringify(body),
  });
}

/** The `refreshSession` payload of a response body, if it is a complete one. */
export function sessionFromBody(body: unknown): Session | null {
  const payload = (body as { data?: { refreshSession?: unknown } } | null)?.data?.refreshSession;
  if (!payload || typeof payload !== 'object') return null;
  const p = payload as Record<string, unknown>;
  const user = p.user as Record<string, unknown> | null | undefined;
  const strings = (o: Record<string, unknown>, keys: string[]) =>
    keys.every((k) => typeof o[k] === 'string');
  if (!strings(p, ['accessToken', 'tokenType', 'expiresAt'])) return null;
  if (!user || !strings(user, ['id', 'username', 'email', 'baseCurrency'])) return null;
  return {
    accessToken: p.accessToken as string,
    tokenType: p.tokenType as string,
    expiresAt: p.expiresAt as string,
    user: {
      id: user.id as string,
      username: user.username as string,
      email: user.email as string,
      baseCurrency: user.baseCurrency as string,
    },
  };
}

/** The session calls against `endpoint`, with `fetchImpl` (the browser's fetch by default). */
export function createSessionApi(
  fetchImpl: Fetch = (input, init) => fetch(input, init),
  endpoint = '/graphql',
): SessionApi {
  let inflight: Promise<Session | null> | null = null;

  async function refresh(): Promise<Session | null> {
    try {
      const response = await post(fetchImpl, endpoint, { query: PLANNED.refresh, operationName: 'RefreshSession' }, null);
      if (!response.ok) return null;
      return sessionFromBody(await response.json());
    } catch {
      return null;
    }
  }

  return {
    refresh,
    refreshOnce() {
      inflight ??= refresh().finally(() => {
        inflight = null;
      });
      return inflight;
    },
    async endSession(accessToken) {
      try {
        await post(fetchImpl, endpoint, { query: PLANNED.logout, operationName: 'Logout' }, accessToken);
      } catch {
        // Offline: the access token dies with the page; the cookie expires on its own.
      }
    },
  };
}

/** The page's session API. */
export const sessionApi = createSessionApi();

/** On page load: the session the refresh cookie still holds, or null. */
export function restoreSession(api: SessionApi = sessionApi): Promise<Session | null> {
  return api.refreshOnce();
}
