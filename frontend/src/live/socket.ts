// The WebSocket for subscriptions (`graphql-transport-ws` on the same-origin /graphql, through
// `graphql-ws`), authenticated like HTTP: `connection_init` carries `Authorization: Bearer`
// with the in-memory access token, read at each (re)connection. It connects while a
// subscription is open (lazy). The server closes it with 4403 when the token expires or the
// session ends: the next attempt refreshes first (the same single-flight refresh as the
// HTTP link) and, when that fails, the session is over. A token renewed elsewhere (HTTP
// refresh, password change) goes to the server in a `ping`, keeping the connection. Reconnection backs off
// exponentially (to 30 s) unless the last connection lived a while, so a server that keeps
// refusing never meets a tight loop.

import { createClient, type Client } from 'graphql-ws';
import { SESSION_ENDED } from '../auth/authLink';
import type { SessionStore } from '../auth/sessionStore';

/** Close code the server uses for a refused token (expired, revoked, disabled user). */
export const FORBIDDEN = 4403;
/** A connection that lived this long was healthy: the next retry starts the backoff anew. */
const HEALTHY_MS = 10_000;
const MAX_DELAY_MS = 30_000;

/** How long to wait before reconnection attempt `failures` (0 = right after a healthy one). */
export function backoffDelay(failures: number, random: () => number = Math.random): number {
  const ceiling = Math.min(MAX_DELAY_MS, 500 * 2 ** failures);
  return Math.round(ceiling * (0.5 + random() / 2));
}

export interface LiveSocketOptions {
  /** `ws:` or `wss:` URL of the GraphQL endpoint. */
  url: string;
  store: SessionStore;
  /** A fresh access token (single-flight, also stores it), or null when the session is over. */
  refresh: () => Promise<string | null>;
  /** The session is over: show the login page with `message`. */
  onSessionLost: (message: string) => void;
  /** For tests: the WebSocket class and the wait before a retry. */
  webSocketImpl?: unknown;
  wait?: (ms: number) => Promise<void>;
}

/** The URL of the WebSocket next to the HTTP endpoint `uri` (relative to the page). */
export function socketUrl(uri: string, base: string = window.location.href): string {
  const url = new URL(uri, base);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  return url.toString();
}

export function createLiveSocket(options: LiveSocketOptions): Client {
  const { store, wait = (ms) => new Promise<void>((r) => setTimeout(r, ms)) } = options;
  let sent: string | null = null; // the token of the current (or last) connection
  let refused: string | null = null; // a token the server closed the socket for
  let open: WebSocket | null = null; // the acknowledged socket
  let connectedAt = 0;
  let failures = 0;

  const client = createClient({
    url: options.url,
    lazy: true,
    // StrictMode and route changes unsubscribe and subscribe again at once: keep the socket.
    lazyCloseTimeout: 1_000,
    keepAlive: 30_000,
    retryAttempts: Infinity,
    retryWait: () => wait(backoffDelay(failures)),
    // Retry while someone is logged in; after a logout the closing socket stays closed.
    shouldRetry: () => store.accessToken() !== null,
    webSocketImpl: options.webSocketImpl,
    async connectionParams() {
      let token = store.accessToken();
      if (token && token === refused) {
        token = await options.refresh();
        if (!token) {
          options.onSessionLost(SESSION_ENDED);
          throw new Error('the session has ended');
        }
      }
      if (!token) throw new Error('not logged in');
      sent = token;
      return { Authorization: `Bearer ${token}` };
    },
    on: {
      connected(socket) {
        open = socket as WebSocket;
        connectedAt = Date.now();
      },
      closed(event) {
        const { code } = event as CloseEvent;
        const lived = open ? Date.now() - connectedAt : 0;
        failures = lived >= HEALTHY_MS ? 0 : failures + 1;
        open = null;
        if (code === FORBIDDEN) refused = sent;
      },
    },
  });

  // A token renewed by an HTTP refresh or a password change: hand it to the server in a
  // `ping` (Tally's way to extend a connection past its first token's expiry, for the same
  // session), so the connection stays and no event is missed. Should the server refuse it,
  // it closes with 4403 and the next connection starts from a refresh.
  store.subscribe(() => {
    const token = store.accessToken();
    if (!open || !token || token === sent) return;
    sent = token;
    open.send(JSON.stringify({ type: 'ping', payload: { Authorization: `Bearer ${token}` } }));
  });

  return client;
}
