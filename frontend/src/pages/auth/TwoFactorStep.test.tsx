import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { fakeApi, session } from '../../test/fakeApi';
import { renderApp } from '../../test/renderApp';
import { LoginPage } from './LoginPage';

const REQUIRED = {
  body: {
    data: null,
    errors: [
      {
        message: 'Enter the code from your authenticator app to finish signing in',
        extensions: { code: 'TWO_FACTOR_REQUIRED', challenge: 'chal-1', expiresAt: '2030-01-01T00:05:00Z' },
      },
    ],
  },
};

async function passwordStep() {
  const user = userEvent.setup();
  await user.type(await screen.findByLabelText('Email'), 'ada@example.com');
  await user.type(screen.getByLabelText('Password'), 'correct horse battery');
  await user.click(screen.getByRole('button', { name: 'Log in' }));
  return user;
}

afterEach(() => window.history.replaceState(null, '', '/'));

describe('the second step of a login', () => {
  it('asks for a code after TWO_FACTOR_REQUIRED and signs in with it', async () => {
    const api = fakeApi({
      Login: () => REQUIRED,
      CompleteTwoFactorLogin: () => ({ body: { data: { completeTwoFactorLogin: session('after-2fa') } } }),
    });
    const { store } = renderApp(<LoginPage />, { fetch: api.fetch, path: '/login', routes: { '/': <p>overview here</p> } });

    const user = await passwordStep();
    await user.type(await screen.findByLabelText('Authentication code'), '123 456');
    await user.click(screen.getByRole('button', { name: 'Verify' }));

    expect(await screen.findByText('overview here')).toBeInTheDocument();
    expect(store.accessToken()).toBe('after-2fa');
    const sent = api.seen.find((r) => r.operationName === 'CompleteTwoFactorLogin');
    expect(sent?.variables).toEqual({ input: { challenge: 'chal-1', code: '123456' } });
  });

  it('takes a recovery code instead, and shows a wrong one without leaving the step', async () => {
    const api = fakeApi({
      Login: () => REQUIRED,
      CompleteTwoFactorLogin: () => ({
        body: { data: null, errors: [{ message: 'The code is not correct or was already used', extensions: { code: 'INVALID_TWO_FACTOR_CODE' } }] },
      }),
    });
    renderApp(<LoginPage />, { fetch: api.fetch, path: '/login' });

    const user = await passwordStep();
    await user.click(await screen.findByRole('button', { name: 'Use a recovery code instead' }));
    await user.type(screen.getByLabelText('Recovery code'), 'ABCD-EFGH-IJKL-MNOP');
    await user.click(screen.getByRole('button', { name: 'Verify' }));

    expect(await screen.findByRole('alert')).toHaveTextContent('not correct');
    const sent = api.seen.find((r) => r.operationName === 'CompleteTwoFactorLogin');
    expect(sent?.variables).toEqual({ input: { challenge: 'chal-1', recoveryCode: 'ABCD-EFGH-IJKL-MNOP' } });
    expect(screen.getByLabelText('Recovery code')).toBeInTheDocument();
  });

  it('sends the user back to the password when the challenge is over', async () => {
    const api = fakeApi({
      Login: () => REQUIRED,
      CompleteTwoFactorLogin: () => ({
        body: { data: null, errors: [{ message: 'This sign-in has expired', extensions: { code: 'UNAUTHENTICATED' } }] },
      }),
    });
    renderApp(<LoginPage />, { fetch: api.fetch, path: '/login' });

    const user = await passwordStep();
    await user.type(await screen.findByLabelText('Authentication code'), '123456');
    await user.click(screen.getByRole('button', { name: 'Verify' }));
    await user.click(await screen.findByRole('button', { name: 'Log in again' }));

    expect(await screen.findByLabelText('Password')).toHaveValue('');
  });

  it('starts at the second step with a challenge handed over in the URL fragment, and clears it', async () => {
    window.history.replaceState(null, '', '/login#twoFactorChallenge=from-oidc');
    const api = fakeApi({
      CompleteTwoFactorLogin: () => ({ body: { data: { completeTwoFactorLogin: session('oidc-2fa') } } }),
    });
    const { store } = renderApp(<LoginPage />, { fetch: api.fetch, path: '/login', routes: { '/': <p>overview here</p> } });

    const code = await screen.findByLabelText('Authentication code');
    expect(window.location.hash).toBe('');
    await userEvent.setup().type(code, '654321');
    await userEvent.setup().click(screen.getByRole('button', { name: 'Verify' }));

    await waitFor(() => expect(store.accessToken()).toBe('oidc-2fa'));
    const sent = api.seen.find((r) => r.operationName === 'CompleteTwoFactorLogin');
    expect(sent?.variables).toEqual({ input: { challenge: 'from-oidc', code: '654321' } });
  });
});
