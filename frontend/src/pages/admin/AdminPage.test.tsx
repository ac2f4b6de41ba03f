import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { fakeApi, session, type SeenRequest } from '../../test/fakeApi';
import { renderApp } from '../../test/renderApp';
import { AdminPage } from './AdminPage';

type Role = 'USER' | 'ADMIN';

function adminUser(id: string, username: string, role: Role, extra: Record<string, unknown> = {}) {
  return {
    __typename: 'AdminUser',
    id,
    username,
    email: `${username}@example.com`,
    role,
    disabled: false,
    disabledAt: null,
    createdAt: '2026-01-05T08:00:00Z',
    lastLoginAt: '2026-03-02T10:30:00Z',
    failedLogins: 0,
    lockedUntil: null,
    ...extra,
  };
}

const ADA = adminUser('u1', 'ada', 'ADMIN');
const BOB = adminUser('u2', 'bob', 'USER', { failedLogins: 3, lockedUntil: '2030-01-01T00:00:00Z' });
const EVE = adminUser('u3', 'eve', 'USER', { disabled: true, disabledAt: '2026-02-01T12:00:00Z', lastLoginAt: null });
const CAROL = adminUser('u4', 'carol', 'USER');

function page(nodes: unknown[], totalCount: number, hasNextPage: boolean, endCursor: string | null) {
  return {
    body: {
      data: {
        users: {
          __typename: 'AdminUserConnection',
          totalCount,
          edges: nodes.map((node) => ({ __typename: 'AdminUserEdge', node })),
          pageInfo: { __typename: 'PageInfo', hasNextPage, endCursor },
        },
      },
    },
  };
}

/** The first users of 23 (a short page keeps the test small), one more after cursor `c3`;
 * `search` filters by username. */
function adminApi(extra: Record<string, (r: SeenRequest) => unknown> = {}) {
  return fakeApi({
    Viewer: () => ({ body: { data: { me: { __typename: 'User', id: 'u1', role: 'ADMIN' } } } }),
    AdminUsers: (r) => {
      const search = r.variables.search as string | null;
      if (search) {
        const found = [ADA, BOB, EVE, CAROL].filter((u) => u.username.includes(search));
        return page(found, found.length, false, null);
      }
      return r.variables.after === 'c3' ? page([CAROL], 23, false, 'c4') : page([ADA, BOB, EVE], 23, true, 'c3');
    },
    ...(extra as Record<string, () => { body: unknown }>),
  });
}

function renderAdmin(api: ReturnType<typeof fakeApi>) {
  return renderApp(<AdminPage />, { fetch: api.fetch, session: session('admin-token'), path: '/admin' });
}

const rowOf = (name: string) => screen.getByRole('rowheader', { name: new RegExp(`^${name}`) }).closest('tr') as HTMLElement;

describe('AdminPage', () => {
  it('lists the users with role, status and failed logins, and pages with the cursor', async () => {
    const api = adminApi();
    renderAdmin(api);
    const user = userEvent.setup();

    const table = await screen.findByRole('table', { name: 'Users' });
    expect(within(table).getAllByRole('row')).toHaveLength(4);
    expect(rowOf('ada')).toHaveTextContent('you');
    expect(rowOf('ada')).toHaveTextContent('Admin');
    expect(within(rowOf('ada')).queryByRole('button', { name: 'Disable ada' })).not.toBeInTheDocument();
    expect(rowOf('bob')).toHaveTextContent('bob@example.com');
    expect(rowOf('bob')).toHaveTextContent(/Locked until/);
    expect(within(rowOf('bob')).getAllByRole('cell')[4]).toHaveTextContent('3');
    expect(rowOf('eve')).toHaveTextContent(/Disabled since/);
    expect(rowOf('eve')).toHaveTextContent('Never');
    expect(within(rowOf('eve')).getByRole('button', { name: 'Enable eve' })).toBeInTheDocument();
    const pager = screen.getByRole('navigation', { name: 'User pages' });
    expect(pager).toHaveTextContent('Page 1 of 2 · 23 users');

    await user.click(within(pager).getByRole('button', { name: 'Next' }));

    expect(await screen.findByRole('rowheader', { name: /^carol/ })).toBeInTheDocument();
    expect(pager).toHaveTextContent('Page 2 of 2 · 23 users');
    expect(within(pager).getByRole('button', { name: 'Next' })).toBeDisabled();
    expect(api.seen.filter((r) => r.operationName === 'AdminUsers').map((r) => r.variables.after ?? null)).toEqual([null, 'c3']);
    expect(api.seen.every((r) => r.authorization === 'Bearer admin-token')).toBe(true);
  });

  it('searches by username or email and starts again at the first page', async () => {
    const api = adminApi();
    renderAdmin(api);
    const user = userEvent.setup();
    await screen.findByRole('table', { name: 'Users' });
    await user.click(screen.getByRole('button', { name: 'Next' }));
    await screen.findByRole('rowheader', { name: /^carol/ });

    await user.type(screen.getByLabelText('Username or email contains'), ' bo ');
    await user.click(screen.getByRole('button', { name: 'Search' }));

    await waitFor(() => expect(screen.getByRole('navigation', { name: 'User pages' })).toHaveTextContent('Page 1 of 1 · 1 user'));
    expect(screen.getByRole('table', { name: 'Users' })).not.toHaveTextContent('carol');
    expect(api.seen.filter((r) => r.operationName === 'AdminUsers').at(-1)?.variables).toEqual({ first: 20, after: null, search: 'bo' });
  });

  it('changes a role only after the confirmation, and the row follows the answer', async () => {
    const api = adminApi({ SetUserRole: () => ({ body: { data: { setUserRole: { ...BOB, role: 'ADMIN' } } } }) });
    renderAdmin(api);
    const user = userEvent.setup();
    await screen.findByRole('table', { name: 'Users' });

    await user.click(screen.getByRole('button', { name: 'Make bob an admin' }));
    const dialog = screen.getByRole('alertdialog', { name: 'Make bob an administrator?' });
    expect(api.count('SetUserRole')).toBe(0);
    await user.click(within(dialog).getByRole('button', { name: 'Make admin' }));

    await waitFor(() => expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument());
    expect(api.seen.find((r) => r.operationName === 'SetUserRole')?.variables).toEqual({ userId: 'u2', role: 'ADMIN' });
    expect(within(rowOf('bob')).getAllByRole('cell')[0]).toHaveTextContent('Admin');
    expect(within(rowOf('bob')).getByRole('button', { name: 'Make bob a user' })).toBeInTheDocument();
  });

  it("disables after the confirmation and shows the API's refusal in the dialog", async () => {
    let refuse = true;
    const api = adminApi({
      DisableUser: () =>
        refuse
          ? { body: { data: null, errors: [{ message: 'The last active administrator cannot be disabled', extensions: { code: 'BAD_USER_INPUT' } }] } }
          : { body: { data: { disableUser: { ...BOB, disabled: true, disabledAt: '2026-03-03T09:00:00Z' } } } },
    });
    renderAdmin(api);
    const user = userEvent.setup();
    await screen.findByRole('table', { name: 'Users' });

    await user.click(screen.getByRole('button', { name: 'Disable bob' }));
    const dialog = screen.getByRole('alertdialog', { name: 'Disable bob?' });
    await user.click(within(dialog).getByRole('button', { name: 'Disable' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('The last active administrator cannot be disabled');
    expect(rowOf('bob')).not.toHaveTextContent('Disabled');

    refuse = false;
    await user.click(within(dialog).getByRole('button', { name: 'Disable' }));

    await waitFor(() => expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument());
    expect(rowOf('bob')).toHaveTextContent(/Disabled since/);
    expect(within(rowOf('bob')).getByRole('button', { name: 'Enable bob' })).toBeInTheDocument();
  });

  it("shows a user's audit log, and reloads it after a change to that user", async () => {
    const api = adminApi({
      EnableUser: () => ({ body: { data: { enableUser: { ...EVE, disabled: false, disabledAt: null } } } }),
      UserAuditLog: () => ({
        body: {
          data: {
            userAuditLog: {
              __typename: 'AuditEventConnection',
              edges: [
                {
                  __typename: 'AuditEventEdge',
                  node: {
                    __typename: 'AuditEvent',
                    id: 'e1',
                    action: 'USER_DISABLED',
                    entityType: null,
                    entityId: null,
                    entityName: null,
                    reason: null,
                    ip: '192.0.2.1',
                    userAgent: 'curl/8.0',
                    createdAt: '2026-03-02T10:30:00Z',
                    actorId: 'u1',
                  },
                },
              ],
              pageInfo: { __typename: 'PageInfo', hasNextPage: false, endCursor: 'x' },
            },
          },
        },
      }),
    });
    renderAdmin(api);
    const user = userEvent.setup();
    await screen.findByRole('table', { name: 'Users' });

    await user.click(screen.getByRole('button', { name: 'Audit log of eve' }));

    const log = await screen.findByRole('table', { name: 'Audit log of eve' });
    expect(log).toHaveTextContent('Account disabled');
    expect(log).toHaveTextContent('192.0.2.1');
    expect(api.seen.find((r) => r.operationName === 'UserAuditLog')?.variables).toEqual({ userId: 'u3', first: 20, after: null });

    await user.click(screen.getByRole('button', { name: 'Enable eve' }));
    await user.click(within(screen.getByRole('alertdialog', { name: 'Enable eve?' })).getByRole('button', { name: 'Enable' }));

    await waitFor(() => expect(api.count('UserAuditLog')).toBe(2));
    expect(rowOf('eve')).toHaveTextContent('Active');
  });
});
