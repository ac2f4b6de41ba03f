import { describe, expect, it, vi } from 'vitest';
import { fakeApi, session } from '../test/fakeApi';
import { PLANNED, createSessionApi, restoreSession, sessionFromBody } from './session';

const URI = 'http://tally.test/graphql';

describe('session (issue 4 refresh cookie)', () => {
  it('refreshes with the cookie alone: no arguments, no Authorization, same-origin credentials', async () => {
    const api = fakeApi({ RefreshSession: () => ({ body: { data: { refreshSession: session('t1') } } }) });
    const sessions = createSessionApi((i, init) => api.fetch(i, init), URI);

    await expect(sessions.refresh()).resolves.toEqual(session('t1'));

    const body = JSON.parse(api.fetch.mock.calls[0]?.[1]?.body as string) as { query: string };
    expect(body.query).toBe(PLANNED.refresh);
    expect(body.query).toMatch(/refreshSession \{ \.\.\.AuthFields \}/);
    expect(api.seen[0]).toMatchObject({ authorization: null, credentials: 'same-origin' });
  });

  it('answers null while the server has no refreshSession (today), on a 401 and when offline', async () => {
    const today = fakeApi({});
    await expect(createSessionApi((i, init) => today.fetch(i, init), URI).refresh()).resolves.toBeNull();

    const refused = fakeApi({ RefreshSession: () => ({ status: 401, body: { errors: [{ message: 'no' }] } }) });
    await expect(createSessionApi((i, init) => refused.fetch(i, init), URI).refresh()).resolves.toBeNull();

    const offline = vi.fn(() => Promise.reject(new TypeError('Failed to fetch')));
    await expect(createSessionApi(offline, URI).refresh()).resolves.toBeNull();
  });

  it('refuses an incomplete payload', () => {
    expect(sessionFromBody({ data: { refreshSession: { accessToken: 'x' } } })).toBeNull();
    expect(sessionFromBody(null)).toBeNull();
  });

  it('restores the session on page load with one refresh however many ask at once', async () => {
    const api = fakeApi({ RefreshSession: () => ({ body: { data: { refreshSession: session('t2') } } }) });
    const sessions = createSessionApi((i, init) => api.fetch(i, init), URI);

    const [a, b] = await Promise.all([restoreSession(sessions), sessions.refreshOnce()]);

    expect(a?.accessToken).toBe('t2');
    expect(b?.accessToken).toBe('t2');
    expect(api.count('RefreshSession')).toBe(1);
    await sessions.refreshOnce();
    expect(api.count('RefreshSession')).toBe(2);
  });

  it('ends the server session with the access token and ignores failures', async () => {
    const api = fakeApi({ Logout: () => ({ body: { data: { logout: true } } }) });
    await createSessionApi((i, init) => api.fetch(i, init), URI).endSession('tok');
    expect(api.seen[0]).toMatchObject({ operationName: 'Logout', authorization: 'Bearer tok' });

    const offline = vi.fn(() => Promise.reject(new TypeError('Failed to fetch')));
    await expect(createSessionApi(offline, URI).endSession('tok')).resolves.toBeUndefined();
  });
});
