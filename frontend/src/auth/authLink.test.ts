import { documentId } from '../apollo/trusted';
import { CurrenciesDoc } from '../components/currency/useCurrencies';
import { describe, expect, it, vi } from 'vitest';
import { createApolloClient } from '../apollo/client';
import { INVALID_TOKEN, fakeApi, session } from '../test/fakeApi';
import { SESSION_ENDED } from './authLink';
import { RefreshSessionDoc, ViewerDoc } from './operations';
import { createSessionApi } from './session';
import { createSessionStore } from './sessionStore';

// The dashboard's own Viewer query, and a second one for concurrency.
const ME = ViewerDoc;
const CURRENCIES = CurrenciesDoc;
const URI = 'http://tally.test/graphql';
const VIEWER = { __typename: 'User', id: 'u1', role: 'USER' };

function setup(handlers: Parameters<typeof fakeApi>[0], token = 'old') {
  const api = fakeApi(handlers);
  const store = createSessionStore();
  store.signIn(session(token));
  const sessions = createSessionApi((input, init) => api.fetch(input, init), URI);
  const client = createApolloClient({ store, sessions, fetch: api.fetch, uri: URI });
  return { api, store, client };
}

const answers = (valid: string) => ({
  Viewer: (r: { authorization: string | null }) =>
    r.authorization === `Bearer ${valid}` ? { body: { data: { me: VIEWER } } } : INVALID_TOKEN,
  Currencies: (r: { authorization: string | null }) =>
    r.authorization === `Bearer ${valid}` ? { body: { data: { currencies: [] } } } : INVALID_TOKEN,
});

describe('auth link', () => {
  it('sends the access token as a bearer token', async () => {
    const { api, client } = setup(answers('old'));
    await client.query({ query: ME });
    expect(api.seen[0]?.authorization).toBe('Bearer old');
  });

  it('on a 401 refreshes once through the cookie and retries with the new token', async () => {
    const { api, client, store } = setup({
      ...answers('new'),
      RefreshSession: () => ({ body: { data: { refreshSession: session('new') } } }),
    });

    const result = await client.query({ query: ME });

    expect(result.data).toEqual({ me: VIEWER });
    expect(api.count('RefreshSession')).toBe(1);
    const refresh = api.seen.find((r) => r.operationName === 'RefreshSession');
    expect(refresh?.documentId).toBe(documentId(RefreshSessionDoc));
    expect(refresh?.credentials).toBe('same-origin');
    expect(refresh?.authorization).toBeNull();
    expect(api.seen.filter((r) => r.operationName === 'Viewer').map((r) => r.authorization)).toEqual([
      'Bearer old',
      'Bearer new',
    ]);
    expect(store.getSnapshot()).toMatchObject({ status: 'authenticated', session: { accessToken: 'new' } });
  });

  it('logs out with a clear message when the retried request gets a 401 again', async () => {
    const { api, client, store } = setup({
      ...answers('nobody'),
      RefreshSession: () => ({ body: { data: { refreshSession: session('new') } } }),
    });

    await expect(client.query({ query: ME })).rejects.toThrow();

    expect(api.count('RefreshSession')).toBe(1);
    expect(api.count('Viewer')).toBe(2);
    expect(store.getSnapshot()).toEqual({ status: 'anonymous', session: null, notice: SESSION_ENDED });
  });

  it('logs out without retrying when the refresh fails (the session was ended elsewhere)', async () => {
    const { api, client, store } = setup(answers('new'));

    await expect(client.query({ query: ME })).rejects.toThrow();

    expect(api.count('RefreshSession')).toBe(1);
    expect(api.count('Viewer')).toBe(1);
    expect(store.getSnapshot().notice).toBe(SESSION_ENDED);
  });

  it('shares one refresh among requests that fail at the same time', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const { api, client, store } = setup({
      ...answers('new'),
      RefreshSession: async () => {
        await gate;
        return { body: { data: { refreshSession: session('new') } } };
      },
    });

    const both = Promise.all([client.query({ query: ME }), client.query({ query: CURRENCIES })]);
    await vi.waitFor(() => expect(api.count('RefreshSession')).toBe(1));
    await vi.waitFor(() => expect(api.seen.filter((r) => r.authorization === 'Bearer old')).toHaveLength(2));
    release();
    const [me, currencies] = await both;

    expect(me.data).toBeTruthy();
    expect(currencies.data).toMatchObject({ currencies: [] });
    expect(api.count('RefreshSession')).toBe(1);
    expect(store.getSnapshot().session?.accessToken).toBe('new');
  });

  it('leaves errors other than a 401 to the page', async () => {
    const { api, client, store } = setup({
      Viewer: () => ({ body: { data: null, errors: [{ message: 'Invalid email or password', extensions: { code: 'UNAUTHENTICATED' } }] } }),
    });

    await expect(client.query({ query: ME })).rejects.toThrow('Invalid email or password');

    expect(api.count('RefreshSession')).toBe(0);
    expect(store.getSnapshot().status).toBe('authenticated');
  });
});
