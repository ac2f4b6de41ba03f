import { describe, expect, it, vi } from 'vitest';
import { documentId } from '../apollo/trusted';
import { INVALID_TOKEN, fakeApi, session } from '../test/fakeApi';
import { LogoutDoc, RefreshSessionDoc } from './operations';
import { createSessionApi, restoreSession } from './session';

const URI = 'http://tally.test/graphql';

describe('session (refresh cookie)', () => {
  it('refreshes with the cookie alone: the typed document, no arguments, no Authorization, same-origin credentials', async () => {
    const api = fakeApi({ RefreshSession: () => ({ body: { data: { refreshSession: session('t1') } } }) });
    const sessions = createSessionApi((i, init) => api.fetch(i, init), URI);

    await expect(sessions.refresh()).resolves.toEqual(session('t1'));

    const sent = api.seen[0];
    // The trusted document (its text is in the manifest, not in the request).
    expect(sent?.documentId).toBe(documentId(RefreshSessionDoc));
    expect(sent?.documentId).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(sent?.variables).toEqual({});
    expect(sent).toMatchObject({ authorization: null, credentials: 'same-origin' });
  });

  it('answers null when the session is over, on a 401 and when offline', async () => {
    const over = fakeApi({});
    await expect(createSessionApi((i, init) => over.fetch(i, init), URI).refresh()).resolves.toBeNull();
    expect(over.count('RefreshSession')).toBe(1);

    const refused = fakeApi({ RefreshSession: () => INVALID_TOKEN });
    await expect(createSessionApi((i, init) => refused.fetch(i, init), URI).refresh()).resolves.toBeNull();

    const offline = vi.fn(() => Promise.reject(new TypeError('Failed to fetch')));
    await expect(createSessionApi(offline, URI).refresh()).resolves.toBeNull();
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

  it('ends the server session with the access token (the typed Logout document)', async () => {
    const api = fakeApi({ Logout: () => ({ body: { data: { logout: true } } }) });
    await createSessionApi((i, init) => api.fetch(i, init), URI).endSession('tok');

    expect(api.seen).toHaveLength(1);
    expect(api.seen[0]).toMatchObject({ operationName: 'Logout', authorization: 'Bearer tok', credentials: 'same-origin' });
    expect(api.seen[0]?.documentId).toBe(documentId(LogoutDoc));
  });

  it('ends the session by the cookie when the access token is refused or gone', async () => {
    const api = fakeApi({
      Logout: (r) => (r.authorization ? INVALID_TOKEN : { body: { data: { logout: true } } }),
    });
    const sessions = createSessionApi((i, init) => api.fetch(i, init), URI);

    await sessions.endSession('revoked');
    expect(api.seen.map((r) => r.authorization)).toEqual(['Bearer revoked', null]);

    await sessions.endSession(null);
    expect(api.seen.map((r) => r.authorization)).toEqual(['Bearer revoked', null, null]);
  });

  it('ignores a failed logout (offline)', async () => {
    const offline = vi.fn(() => Promise.reject(new TypeError('Failed to fetch')));
    await expect(createSessionApi(offline, URI).endSession('tok')).resolves.toBeUndefined();
  });
});
