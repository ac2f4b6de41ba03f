// The subscriptions' socket against a scripted WebSocket: the real graphql-ws client with
// Tally's options — the token in connection_init, refresh after a 4403, the session's end
// when that fails, a renewed token handed over in a ping, and a backoff that never spins.
import { describe, expect, it, vi } from 'vitest';
import { SESSION_ENDED } from '../auth/authLink';
import { createSessionStore } from '../auth/sessionStore';
import { session } from '../test/fakeApi';
import { backoffDelay, createLiveSocket, FORBIDDEN, socketUrl } from './socket';

interface Sent {
  type: string;
  id?: string;
  payload?: Record<string, unknown>;
}

/** A WebSocket the test drives: open it, answer it, close it from the server's side. */
class ScriptedSocket {
  static CONNECTING = 0;
  static OPEN = 1;
  static CLOSING = 2;
  static CLOSED = 3;
  static all: ScriptedSocket[] = [];
  readyState = ScriptedSocket.CONNECTING;
  sent: Sent[] = [];
  closedWith: number | null = null;
  onopen: (() => void) | null = null;
  onclose: ((event: { code: number; reason: string }) => void) | null = null;
  onmessage: ((event: { data: string }) => void) | null = null;
  onerror: ((event: unknown) => void) | null = null;

  constructor(
    readonly url: string,
    readonly protocol: string,
  ) {
    ScriptedSocket.all.push(this);
  }

  send(data: string) {
    this.sent.push(JSON.parse(data) as Sent);
  }

  close(code = 1000, reason = '') {
    if (this.readyState === ScriptedSocket.CLOSED) return;
    this.closedWith = code;
    this.readyState = ScriptedSocket.CLOSED;
    queueMicrotask(() => this.onclose?.({ code, reason }));
  }

  /** The server accepts the connection and acknowledges connection_init once it came. */
  async accept() {
    this.readyState = ScriptedSocket.OPEN;
    this.onopen?.();
    await vi.waitFor(() => expect(this.sent.some((m) => m.type === 'connection_init')).toBe(true));
    this.onmessage?.({ data: JSON.stringify({ type: 'connection_ack' }) });
  }

  serverClose(code: number) {
    this.readyState = ScriptedSocket.CLOSED;
    this.onclose?.({ code, reason: 'closed by the server' });
  }

  get init() {
    return this.sent.find((m) => m.type === 'connection_init')?.payload;
  }
}

function setup(refreshTo: string | null = 'fresh') {
  ScriptedSocket.all = [];
  const store = createSessionStore();
  store.signIn(session('first'));
  const waits: number[] = [];
  const refresh = vi.fn(() => {
    if (refreshTo) store.signIn(session(refreshTo));
    return Promise.resolve(refreshTo);
  });
  const onSessionLost = vi.fn((message: string) => store.signOut(message));
  const client = createLiveSocket({
    url: 'ws://tally.test/graphql',
    store,
    refresh,
    onSessionLost,
    webSocketImpl: ScriptedSocket,
    wait: (ms) => {
      waits.push(ms);
      return Promise.resolve();
    },
  });
  const sink = { next: vi.fn(), error: vi.fn(), complete: vi.fn() };
  const unsubscribe = client.subscribe({ query: '', operationName: 'LedgerChanged' }, sink);
  return { store, client, refresh, onSessionLost, sink, unsubscribe, waits };
}

async function socketNumber(n: number) {
  await vi.waitFor(() => expect(ScriptedSocket.all.length).toBeGreaterThanOrEqual(n + 1));
  return ScriptedSocket.all[n]!;
}

describe('live socket', () => {
  it('connects lazily on the same path, with the access token in connection_init', async () => {
    const { sink } = setup();
    const socket = await socketNumber(0);
    expect(socket.url).toBe('ws://tally.test/graphql');
    expect(socket.protocol).toBe('graphql-transport-ws');
    await socket.accept();
    expect(socket.init).toEqual({ Authorization: 'Bearer first' });
    await vi.waitFor(() => expect(socket.sent.map((m) => m.type)).toContain('subscribe'));
    socket.onmessage?.({ data: JSON.stringify({ type: 'next', id: socket.sent[1]!.id, payload: { data: { n: 1 } } }) });
    expect(sink.next).toHaveBeenCalledWith({ data: { n: 1 } });
  });

  it('after a 4403 refreshes the token first, then reconnects and subscribes again', async () => {
    const { refresh, onSessionLost, sink } = setup('fresh');
    const first = await socketNumber(0);
    await first.accept();
    first.serverClose(FORBIDDEN);
    const second = await socketNumber(1);
    await second.accept();
    expect(refresh).toHaveBeenCalledTimes(1);
    expect(second.init).toEqual({ Authorization: 'Bearer fresh' });
    await vi.waitFor(() => expect(second.sent.map((m) => m.type)).toContain('subscribe'));
    expect(onSessionLost).not.toHaveBeenCalled();
    expect(sink.error).not.toHaveBeenCalled();
  });

  it('when the refresh fails after a 4403, the session is over and nothing reconnects', async () => {
    const { store, onSessionLost, sink } = setup(null);
    const first = await socketNumber(0);
    await first.accept();
    first.serverClose(FORBIDDEN);
    const second = await socketNumber(1);
    second.readyState = ScriptedSocket.OPEN;
    second.onopen?.();
    await vi.waitFor(() => expect(onSessionLost).toHaveBeenCalledWith(SESSION_ENDED));
    expect(store.getSnapshot().status).toBe('anonymous');
    await vi.waitFor(() => expect(sink.error).toHaveBeenCalled());
    expect(second.init).toBeUndefined();
    expect(ScriptedSocket.all).toHaveLength(2);
  });

  it('hands a token renewed elsewhere (HTTP refresh, password change) to the open connection in a ping', async () => {
    const { store, refresh } = setup();
    const first = await socketNumber(0);
    await first.accept();
    store.signIn(session('renewed'));
    expect(first.sent.at(-1)).toEqual({ type: 'ping', payload: { Authorization: 'Bearer renewed' } });
    expect(first.closedWith).toBeNull();
    // Refused after all (another session's token): a refresh, then a new connection.
    first.serverClose(FORBIDDEN);
    const second = await socketNumber(1);
    await second.accept();
    expect(refresh).toHaveBeenCalledTimes(1);
    expect(second.init).toEqual({ Authorization: 'Bearer fresh' });
  });

  it('does not reconnect after a logout', async () => {
    const { store, sink } = setup();
    const first = await socketNumber(0);
    await first.accept();
    store.signOut('You have logged out.');
    first.serverClose(FORBIDDEN);
    await vi.waitFor(() => expect(sink.error).toHaveBeenCalled());
    expect(ScriptedSocket.all).toHaveLength(1);
  });

  it('backs off longer after each connection that did not last', async () => {
    const { waits } = setup();
    for (let n = 0; n < 4; n += 1) {
      const socket = await socketNumber(n);
      await socket.accept();
      socket.serverClose(1012); // service restart: retried
    }
    await socketNumber(4);
    expect(waits).toHaveLength(4);
    for (let n = 1; n < waits.length; n += 1) expect(waits[n]!).toBeGreaterThan(waits[n - 1]! * 0.9);
    expect(waits[3]!).toBeGreaterThanOrEqual(2_000);
  });
});

describe('backoffDelay', () => {
  it('doubles from half a second up to 30 s, with jitter in the upper half', () => {
    expect(backoffDelay(0, () => 1)).toBe(500);
    expect(backoffDelay(0, () => 0)).toBe(250);
    expect(backoffDelay(3, () => 1)).toBe(4_000);
    expect(backoffDelay(20, () => 1)).toBe(30_000);
    expect(backoffDelay(20, () => 0)).toBe(15_000);
  });
});

describe('socketUrl', () => {
  it('is the HTTP endpoint with ws: or wss:', () => {
    expect(socketUrl('/graphql', 'https://tally.example/transactions')).toBe('wss://tally.example/graphql');
    expect(socketUrl('/graphql', 'http://127.0.0.1:8000/')).toBe('ws://127.0.0.1:8000/graphql');
  });
});
