// The session calls that must not go through the Apollo link, behind two functions so the
// rest of the dashboard never names them: `refresh()` (also `restoreSession()` on page
// load) and `endSession()`. They are typed graphql() documents (auth/operations.ts), sent
// by their trusted-document id with plain fetch because the auth link would add `Authorization`: the API answers a
// request that carries an expired or revoked bearer token with HTTP 401 before GraphQL
// runs, so the refresh (which needs only the HttpOnly `tally_refresh` cookie) goes without
// one, with `credentials: 'same-origin'` so that the cookie goes along.

import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { documentId } from '../apollo/trusted';
import type { LogoutMutation, RefreshSessionMutation } from '../gql/graphql';
import { LogoutDoc, RefreshSessionDoc } from './operations';
import type { Session } from './sessionStore';

export interface SessionApi {
  /** A new access token from the refresh cookie, or null (no cookie, expired, revoked, offline). */
  refresh: () => Promise<Session | null>;
  /** `refresh()`, shared by every caller while one is in flight (single-flight). */
  refreshOnce: () => Promise<Session | null>;
  /**
   * End the server-side session and clear the cookie: by the access token when there is
   * one, else (or when the API refuses that token) by the cookie. Failures are ignored.
   */
  endSession: (accessToken: string | null) => Promise<void>;
}

type Fetch = (input: string, init: RequestInit) => Promise<Response>;

interface Answer<T> {
  status: number;
  data: T | null;
}

/** POST `document` (no variables) with the cookie and, when given, the bearer token. */
async function send<T>(
  fetchImpl: Fetch,
  endpoint: string,
  document: TypedDocumentNode<T, Record<string, never>>,
  operationName: string,
  token: string | null,
): Promise<Answer<T>> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  const response = await fetchImpl(endpoint, {
    method: 'POST',
    credentials: 'same-origin',
    headers,
    body: JSON.stringify({ documentId: documentId(document), operationName }),
  });
  if (!response.ok) return { status: response.status, data: null };
  const body = (await response.json()) as { data?: T | null; errors?: unknown[] } | null;
  const failed = !body || (Array.isArray(body.errors) && body.errors.length > 0);
  return { status: response.status, data: failed ? null : (body.data ?? null) };
}

/** The session calls against `endpoint`, with `fetchImpl` (the browser's fetch by default). */
export function createSessionApi(
  fetchImpl: Fetch = (input, init) => fetch(input, init),
  endpoint = '/graphql',
): SessionApi {
  let inflight: Promise<Session | null> | null = null;

  async function refresh(): Promise<Session | null> {
    try {
      const answer = await send<RefreshSessionMutation>(fetchImpl, endpoint, RefreshSessionDoc, 'RefreshSession', null);
      return answer.data?.refreshSession ?? null;
    } catch {
      return null;
    }
  }

  async function endSession(accessToken: string | null) {
    try {
      const answer = await send<LogoutMutation>(fetchImpl, endpoint, LogoutDoc, 'Logout', accessToken);
      // The token was already refused (expired, revoked): end the cookie's session instead.
      if (answer.status === 401 && accessToken) await send(fetchImpl, endpoint, LogoutDoc, 'Logout', null);
    } catch {
      // Offline: the access token dies with the page; the cookie expires on its own.
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
    endSession,
  };
}

/** The page's session API. */
export const sessionApi = createSessionApi();

/** On page load: the session the refresh cookie still holds, or null. */
export function restoreSession(api: SessionApi = sessionApi): Promise<Session | null> {
  return api.refreshOnce();
}
