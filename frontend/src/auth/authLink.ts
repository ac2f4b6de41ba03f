// The Apollo link that carries the access token: it adds `Authorization: Bearer <token>`,
// and when the API refuses the token (HTTP 401 + WWW-Authenticate, sent before GraphQL runs
// for an invalid, expired or revoked token) it refreshes once — one refresh shared by every
// request that failed at the same time — and retries with the new token. A second 401, or a
// failed refresh, ends the session: the user lands on the login page with `SESSION_ENDED`.
// An UNAUTHENTICATED error inside a 200 is left to the page: it is also how a wrong password
// is answered (e.g. deleting one's account), which must not log anyone out.

import { ApolloLink, Observable, type FetchResult, type Operation } from '@apollo/client';
import type { ObservableSubscription } from '@apollo/client/utilities';
import { httpStatus } from '../lib/errors';

export const SESSION_ENDED = 'Your session has ended. Please log in again.';

export interface AuthLinkOptions {
  /** The current access token, or null when anonymous. */
  getToken: () => string | null;
  /** A new access token (single-flight: concurrent callers share one refresh), or null. */
  refresh: () => Promise<string | null>;
  /** The session is over: clear it and show the login page with `message`. */
  onSessionLost: (message: string) => void;
}

function withToken(operation: Operation, token: string | null) {
  operation.setContext((previous: { headers?: Record<string, string> }) => {
    const headers = { ...(previous.headers ?? {}) };
    delete headers.authorization;
    if (token) headers.authorization = `Bearer ${token}`;
    return { headers };
  });
}

/** The auth link; put it before the HTTP link. */
export function createAuthLink(options: AuthLinkOptions): ApolloLink {
  return new ApolloLink(
    (operation, forward) =>
      new Observable<FetchResult>((observer) => {
        let subscription: ObservableSubscription | null = null;
        let closed = false;

        // A token that the API refused: refresh once (unless another request already
        // did), then try again; otherwise give up and end the session.
        const recover = (sent: string, retried: boolean, fail: () => void) => {
          if (retried) {
            options.onSessionLost(SESSION_ENDED);
            fail();
            return;
          }
          const current = options.getToken();
          const next = current && current !== sent ? Promise.resolve(current) : options.refresh();
          next.then(
            (token) => {
              if (closed) return;
              if (token) attempt(true);
              else {
                options.onSessionLost(SESSION_ENDED);
                fail();
              }
            },
            () => {
              options.onSessionLost(SESSION_ENDED);
              fail();
            },
          );
        };

        const attempt = (retried: boolean) => {
          const token = options.getToken();
          withToken(operation, token);
          subscription = forward(operation).subscribe({
            next: (result) => {
              // A 401's body also comes through here; it is answered by `error` below.
              const response = (operation.getContext() as { response?: Response }).response;
              if (response?.status !== 401) observer.next(result);
            },
            error: (error: unknown) => {
              if (token && httpStatus(error) === 401) recover(token, retried, () => observer.error(error));
              else observer.error(error);
            },
            complete: () => observer.complete(),
          });
        };

        attempt(false);
        return () => {
          closed = true;
          subscription?.unsubscribe();
        };
      }),
  );
}
