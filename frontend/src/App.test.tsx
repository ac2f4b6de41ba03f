import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { fakeApi, session } from './test/fakeApi';
import { renderWholeApp } from './test/renderApp';

const viewer = (role: 'USER' | 'ADMIN') => () => ({ body: { data: { me: { __typename: 'User', id: 'u1', role } } } });

describe('the dashboard on page load', () => {
  it('restores the session through the refresh cookie and keeps the new token in memory only', async () => {
    const api = fakeApi({
      RefreshSession: () => ({ body: { data: { refreshSession: session('restored') } } }),
      Viewer: viewer('USER'),
    });
    const { store } = renderWholeApp({ fetch: api.fetch, path: '/nowhere' });

    expect(screen.getByRole('status')).toHaveTextContent('Restoring your session…');
    expect(await screen.findByRole('heading', { name: 'Page not found' })).toBeInTheDocument();
    expect(screen.getByLabelText('Logged in as')).toHaveTextContent('ada');
    expect(api.seen[0]).toMatchObject({ operationName: 'RefreshSession', authorization: null, credentials: 'same-origin' });
    await waitFor(() => expect(api.seen.find((r) => r.operationName === 'Viewer')?.authorization).toBe('Bearer restored'));
    expect(store.accessToken()).toBe('restored');
    expect(window.localStorage.length).toBe(0);
    expect(window.sessionStorage.length).toBe(0);
  });

  it('shows the login page, without a notice, when the cookie holds no live session', async () => {
    const api = fakeApi({});
    renderWholeApp({ fetch: api.fetch, path: '/transactions' });

    expect(await screen.findByRole('heading', { name: 'Log in' })).toBeInTheDocument();
    expect(api.count('RefreshSession')).toBe(1);
    expect(screen.queryByRole('status')).not.toBeInTheDocument();
  });

  it('logs out through the API with the access token, then forgets it and says so', async () => {
    const api = fakeApi({ Viewer: viewer('USER'), Logout: () => ({ body: { data: { logout: true } } }) });
    const { store } = renderWholeApp({ fetch: api.fetch, session: session('live'), path: '/nowhere' });

    await userEvent.setup().click(await screen.findByRole('button', { name: 'Log out' }));

    expect(await screen.findByRole('heading', { name: 'Log in' })).toBeInTheDocument();
    expect(screen.getByRole('status')).toHaveTextContent('You have logged out.');
    expect(api.seen.find((r) => r.operationName === 'Logout')).toMatchObject({ authorization: 'Bearer live' });
    expect(store.accessToken()).toBeNull();
  });
});

describe('the admin page', () => {
  it('is neither linked nor open for a user: the address says it is not allowed', async () => {
    const api = fakeApi({ Viewer: viewer('USER') });
    renderWholeApp({ fetch: api.fetch, session: session('t'), path: '/admin' });

    expect(await screen.findByRole('heading', { name: 'Not allowed' })).toBeInTheDocument();
    expect(screen.getByRole('alert')).toHaveTextContent('administrators only');
    const nav = screen.getByRole('navigation', { name: 'Main' });
    expect(within(nav).queryByRole('link', { name: 'Admin' })).not.toBeInTheDocument();
  });

  it('is linked in the navigation for an administrator', async () => {
    const api = fakeApi({ Viewer: viewer('ADMIN') });
    renderWholeApp({ fetch: api.fetch, session: session('t'), path: '/nowhere' });

    const nav = screen.getByRole('navigation', { name: 'Main' });
    expect(await within(nav).findByRole('link', { name: 'Admin' })).toHaveAttribute('href', '/admin');
  });
});
