import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { SESSION_ENDED } from '../../auth/authLink';
import { fakeApi, session } from '../../test/fakeApi';
import { renderApp } from '../../test/renderApp';
import { LoginPage } from './LoginPage';

async function fillAndSubmit(email: string, password: string) {
  const user = userEvent.setup();
  await user.type(await screen.findByLabelText('Email'), email);
  await user.type(screen.getByLabelText('Password'), password);
  await user.click(screen.getByRole('button', { name: 'Log in' }));
}

describe('LoginPage', () => {
  it('says why the user is here after the session ended', async () => {
    renderApp(<LoginPage />, { fetch: fakeApi({}).fetch, path: '/login', notice: SESSION_ENDED });
    expect(await screen.findByRole('status')).toHaveTextContent('Your session has ended. Please log in again.');
  });

  it("puts the server's BAD_USER_INPUT message on the input it names", async () => {
    const api = fakeApi({
      Login: () => ({
        body: { data: null, errors: [{ message: 'Enter a valid email address', extensions: { code: 'BAD_USER_INPUT', field: 'input.email' } }] },
      }),
    });
    renderApp(<LoginPage />, { fetch: api.fetch, path: '/login' });

    await fillAndSubmit('not-an-email', 'whatever-pass');

    const email = screen.getByLabelText('Email');
    await waitFor(() => expect(email).toHaveAttribute('aria-invalid', 'true'));
    expect(email).toHaveAccessibleDescription('Enter a valid email address');
    expect(screen.getByLabelText('Password')).not.toHaveAttribute('aria-invalid');
  });

  it('says how long to wait when rate limited (HTTP 429) and holds the button until then', async () => {
    const api = fakeApi({
      Login: () => ({
        status: 429,
        headers: { 'retry-after': '30' },
        body: { errors: [{ message: 'Too many attempts; try again in 30 seconds', extensions: { code: 'RATE_LIMITED', retryAfter: 30 } }] },
      }),
    });
    renderApp(<LoginPage />, { fetch: api.fetch, path: '/login' });

    await fillAndSubmit('ada@example.com', 'wrong-password');

    expect(await screen.findByRole('alert')).toHaveTextContent('Please wait 30 seconds');
    expect(screen.getByText(/try again in 30 s/)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Log in' })).toBeDisabled();
  });

  it('shows a failed login as a form error and keeps the user anonymous', async () => {
    const api = fakeApi({
      Login: () => ({ body: { data: null, errors: [{ message: 'Invalid email or password', extensions: { code: 'UNAUTHENTICATED' } }] } }),
    });
    const { store } = renderApp(<LoginPage />, { fetch: api.fetch, path: '/login' });

    await fillAndSubmit('ada@example.com', 'wrong-password');

    expect(await screen.findByRole('alert')).toHaveTextContent('Invalid email or password');
    expect(store.getSnapshot().status).toBe('anonymous');
  });

  it('keeps the token in memory only and goes to the page the user wanted', async () => {
    const api = fakeApi({ Login: () => ({ body: { data: { login: session('fresh') } } }) });
    const { store } = renderApp(<LoginPage />, {
      fetch: api.fetch,
      path: '/login',
      routes: { '/': <p>overview here</p> },
    });

    await fillAndSubmit('ada@example.com', 'correct horse battery');

    expect(await screen.findByText('overview here')).toBeInTheDocument();
    expect(store.accessToken()).toBe('fresh');
    expect(window.localStorage.length).toBe(0);
    expect(window.sessionStorage.length).toBe(0);
    expect(api.seen.find((r) => r.operationName === 'Login')?.variables).toEqual({
      input: { email: 'ada@example.com', password: 'correct horse battery' },
    });
  });
});
