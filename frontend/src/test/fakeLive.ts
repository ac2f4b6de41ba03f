// A stand-in for the graphql-ws client in unit tests: records what is subscribed (the
// payloads as they would go over the socket) and lets a test push events to a subscription
// by operation name, or report a reconnection.
import type { Client, Sink, SubscribePayload } from 'graphql-ws';

type Listener = (...args: unknown[]) => void;

export function fakeLive() {
  const sinks = new Map<string, Sink>();
  const payloads: SubscribePayload[] = [];
  const listeners = new Map<string, Set<Listener>>();
  const client = {
    on(event: string, listener: Listener) {
      const set = listeners.get(event) ?? new Set<Listener>();
      listeners.set(event, set.add(listener));
      return () => set.delete(listener);
    },
    subscribe(payload: SubscribePayload, sink: Sink) {
      payloads.push(payload);
      const name = payload.operationName ?? '';
      sinks.set(name, sink);
      return () => {
        if (sinks.get(name) === sink) sinks.delete(name);
      };
    },
    iterate() {
      throw new Error('not used by the dashboard');
    },
    dispose() {},
    terminate() {},
  } as unknown as Client;
  return {
    client,
    payloads,
    /** Whether `operationName` is subscribed now. */
    subscribed: (operationName: string) => sinks.has(operationName),
    /** The server sends `data` to the `operationName` subscription. */
    emit(operationName: string, data: unknown) {
      const sink = sinks.get(operationName);
      if (!sink) throw new Error(`${operationName} is not subscribed`);
      sink.next({ data });
    },
    /** The socket closed for good (a close code graphql-ws does not retry): every sink errs. */
    failAll(error: unknown = { code: 4500, reason: 'The database is unavailable' }) {
      const all = [...sinks.values()];
      sinks.clear();
      for (const sink of all) sink.error(error);
    },
    /** The socket connected again after a drop. */
    reconnected() {
      for (const listener of listeners.get('connected') ?? []) listener({}, undefined, true);
    },
  };
}

export type FakeLive = ReturnType<typeof fakeLive>;
