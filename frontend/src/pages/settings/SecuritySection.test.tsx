import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { fakeApi, session, type SeenRequest } from '../../test/fakeApi';
import { renderApp } from '../../test/renderApp';
import { SecuritySection } from './SecuritySection';
import { LOGGED_OUT_EVERYWHERE, REVOKED_CURRENT } from './useSessions';

const CHROME = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0 Safari/537.36';
const FIREFOX = 'Mozilla/5.0 (Windows NT 10.0; rv:128.0) Gecko/20100101 Firefox/128.0';

function sessionRow(id: string, current: boolean, userAgent: string, ip: string) {
  return {
    __typename: 'Session',
    id,
    createdAt: '2026-03-01T09:00:00Z',
    lastUsedAt: '2026-03-02T10:30:00Z',
    expiresAt: '2026-04-01T09:00:00Z',
    userAgent,
    ip,
    current,
  };
}

function event(id: string, action: string, extra: Record<string, unknown> = {}) {
  return {
    __typename: 'AuditEvent',
    id,
    action,
    entityType: null,
    entityId: null,
    entityName: null,
    reason: null,
    ip: '203.0.113.9',
    userAgent: CHROME,
    createdAt: '2026-03-02T10:30:00Z',
    actorId: 'u1',
    ...extra,
  };
}

const auditPage = (events: unknown[], hasNextPage: boolean, endCursor: string | null) => ({
  body: {
    data: {
      myAuditLog: {
        __typename: 'AuditEventConnection',
        edges: events.map((node) => ({ __typename: 'AuditEventEdge', node })),
        pageInfo: { __typename: 'PageInfo', hasNextPage, endCursor },
      },
    },
  },
});

/** The server's side: two sessions until one is revoked, and a two-page audit log. */
function securityApi(extra: Record<string, (r: SeenRequest) => unknown> = {}) {
  let sessions = [sessionRow('s-here', true, CHROME, '203.0.113.9'), sessionRow('s-other', false, FIREFOX, '198.51.100.7')];
  return fakeApi({
    Sessions: () => ({ body: { data: { sessions } } }),
    RevokeSession: (r) => {
      sessions = sessions.filter((s) => s.id !== r.variables.id);
      return { body: { data: { revokeSession: true } } };
    },
    MyAuditLog: (r) =>
      r.variables.after === 'c2'
        ? auditPage([event('e3', 'SIGNUP')], false, 'c3')
        : auditPage(
            [event('e1', 'LOGIN_FAILED', { reason: 'WRONG_PASSWORD' }), event('e2', 'CREATED', { entityType: 'transaction', entityId: '0190f3aa-1111-7000-8000-000000000001', entityName: 'Oat latte' }),
              event('e4', 'DELETED', { entityType: 'transaction', entityId: '0190f3aa-1111-7000-8000-000000000002' })],
            true,
            'c2',
          ),
    ...(extra as Record<string, () => { body: unknown }>),
  });
}

function renderSecurity(api: ReturnType<typeof fakeApi>) {
  return renderApp(<SecuritySection />, { fetch: api.fetch, session: session('before'), path: '/settings' });
}

describe('Settings → Security: change password', () => {
  it("puts the API's reasons on the fields they belong to", async () => {
    const api = securityApi({
      ChangePassword: () => ({
        body: {
          data: null,
          errors: [
            { message: 'The current password is wrong', extensions: { code: 'BAD_USER_INPUT', field: 'input.currentPassword' } },
            { message: 'This password is too common; add a few unrelated words', extensions: { code: 'BAD_USER_INPUT', field: 'input.newPassword' } },
          ],
        },
      }),
    });
    const { store } = renderSecurity(api);
    const user = userEvent.setup();

    await user.type(screen.getByLabelText('Current password'), 'not-it');
    await user.type(screen.getByLabelText('New password'), 'password123');
    await user.type(screen.getByLabelText('Repeat the new password'), 'password123');
    await user.click(screen.getByRole('button', { name: 'Change password' }));

    const current = screen.getByLabelText('Current password');
    await waitFor(() => expect(current).toHaveAttribute('aria-invalid', 'true'));
    expect(current).toHaveAccessibleDescription('The current password is wrong');
    expect(screen.getByLabelText('New password')).toHaveAccessibleDescription(/too common/);
    expect(api.seen.find((r) => r.operationName === 'ChangePassword')?.variables).toEqual({
      input: { currentPassword: 'not-it', newPassword: 'password123' },
    });
    expect(store.accessToken()).toBe('before');
  });

  it('refuses two different new passwords without asking the API', async () => {
    const api = securityApi();
    renderSecurity(api);
    const user = userEvent.setup();

    await user.type(screen.getByLabelText('Current password'), 'old pass phrase');
    await user.type(screen.getByLabelText('New password'), 'lantern orbit meadow 42');
    await user.type(screen.getByLabelText('Repeat the new password'), 'lantern orbit meadow 24');
    await user.click(screen.getByRole('button', { name: 'Change password' }));

    expect(screen.getByLabelText('Repeat the new password')).toHaveAccessibleDescription('The two new passwords differ.');
    expect(api.count('ChangePassword')).toBe(0);
  });

  it('keeps the new access token, says other sessions ended, and reloads the list with it', async () => {
    const api = securityApi({ ChangePassword: () => ({ body: { data: { changePassword: session('after') } } }) });
    const { store } = renderSecurity(api);
    const user = userEvent.setup();
    await screen.findByRole('table', { name: 'Active sessions' });

    await user.type(screen.getByLabelText('Current password'), 'old pass phrase');
    await user.type(screen.getByLabelText('New password'), 'lantern orbit meadow 42');
    await user.type(screen.getByLabelText('Repeat the new password'), 'lantern orbit meadow 42');
    await user.click(screen.getByRole('button', { name: 'Change password' }));

    expect(await screen.findByText(/Every other session has been logged out/)).toBeInTheDocument();
    expect(store.accessToken()).toBe('after');
    expect(screen.getByLabelText('Current password')).toHaveValue('');
    await waitFor(() => expect(api.seen.filter((r) => r.operationName === 'Sessions').map((r) => r.authorization)).toEqual(['Bearer before', 'Bearer after']));
  });
});

describe('Settings → Security: sessions', () => {
  it('lists the sessions with this one marked, and revokes another after confirming', async () => {
    const api = securityApi();
    const { store } = renderSecurity(api);
    const user = userEvent.setup();

    const table = await screen.findByRole('table', { name: 'Active sessions' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toHaveTextContent('Chrome 140 on Linux');
    expect(rows[0]).toHaveTextContent('This session');
    expect(rows[0]).toHaveTextContent('203.0.113.9');
    expect(rows[1]).toHaveTextContent('Firefox 128 on Windows');
    expect(rows[1]).not.toHaveTextContent('This session');
    expect(rows[1]).toHaveTextContent(FIREFOX);

    await user.click(within(rows[1] as HTMLElement).getByRole('button', { name: /Revoke the session of Firefox 128 on Windows/ }));
    const dialog = screen.getByRole('alertdialog', { name: 'Revoke this session?' });
    expect(api.count('RevokeSession')).toBe(0);
    await user.click(within(dialog).getByRole('button', { name: 'Revoke session' }));

    await waitFor(() => expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument());
    expect(api.seen.find((r) => r.operationName === 'RevokeSession')?.variables).toEqual({ id: 's-other' });
    await waitFor(() => expect(within(table).getAllByRole('row')).toHaveLength(2));
    expect(table).not.toHaveTextContent('Firefox');
    expect(store.getSnapshot().status).toBe('authenticated');
  });

  it('cancelling the confirmation revokes nothing', async () => {
    const api = securityApi();
    renderSecurity(api);
    const user = userEvent.setup();

    await user.click(await screen.findByRole('button', { name: /Revoke the session of Firefox/ }));
    await user.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Cancel' }));

    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
    expect(api.count('RevokeSession')).toBe(0);
  });

  it('revoking this session logs out here', async () => {
    const api = securityApi();
    const { store } = renderSecurity(api);
    const user = userEvent.setup();

    await user.click(await screen.findByRole('button', { name: 'End this session' }));
    await user.click(within(screen.getByRole('alertdialog', { name: 'End this session?' })).getByRole('button', { name: 'End this session' }));

    await waitFor(() => expect(store.getSnapshot()).toEqual({ status: 'anonymous', session: null, notice: REVOKED_CURRENT }));
    expect(api.seen.find((r) => r.operationName === 'RevokeSession')?.variables).toEqual({ id: 's-here' });
  });

  it('logs out everywhere after confirming, and this page with it', async () => {
    const api = securityApi({ LogoutEverywhere: () => ({ body: { data: { logoutEverywhere: true } } }) });
    const { store } = renderSecurity(api);
    const user = userEvent.setup();

    await user.click(screen.getByRole('button', { name: 'Log out everywhere' }));
    const dialog = screen.getByRole('alertdialog', { name: 'Log out on every device?' });
    await user.click(within(dialog).getByRole('button', { name: 'Log out everywhere' }));

    await waitFor(() => expect(store.getSnapshot().notice).toBe(LOGGED_OUT_EVERYWHERE));
    expect(store.accessToken()).toBeNull();
    expect(api.seen.find((r) => r.operationName === 'LogoutEverywhere')?.authorization).toBe('Bearer before');
  });
});

describe('Settings → Security: audit log', () => {
  it('shows time, action, what (by name while it exists), IP and browser, and pages with the cursor', async () => {
    const api = securityApi();
    renderSecurity(api);
    const user = userEvent.setup();

    const table = await screen.findByRole('table', { name: 'My audit log' });
    const headers = within(table).getAllByRole('columnheader').map((h) => h.textContent);
    expect(headers).toEqual(['Time', 'Action', 'What', 'From']);
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows[0]).toHaveTextContent('Login failed');
    expect(rows[0]).toHaveTextContent('WRONG_PASSWORD');
    expect(rows[0]).toHaveTextContent('203.0.113.9');
    expect(rows[0]).toHaveTextContent('Chrome 140 on Linux');
    expect(rows[1]).toHaveTextContent('Created');
    expect(rows[1]).toHaveTextContent('Transaction Oat latte');
    expect(rows[2]).toHaveTextContent('Transaction …00000002');
    expect(within(rows[2] as HTMLElement).getByTitle('0190f3aa-1111-7000-8000-000000000002')).toBeInTheDocument();

    const pager = screen.getByRole('navigation', { name: 'Audit log pages' });
    await user.click(within(pager).getByRole('button', { name: 'Next' }));

    expect(await screen.findByText('Signed up')).toBeInTheDocument();
    expect(within(pager).getByText('Page 2')).toBeInTheDocument();
    expect(within(pager).getByRole('button', { name: 'Next' })).toBeDisabled();
    expect(api.seen.filter((r) => r.operationName === 'MyAuditLog').map((r) => r.variables.after ?? null)).toEqual([null, 'c2']);
    await user.click(within(pager).getByRole('button', { name: 'Previous' }));
    expect(await screen.findByText('Login failed')).toBeInTheDocument();
  });
});
