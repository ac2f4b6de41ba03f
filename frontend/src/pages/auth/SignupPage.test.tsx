import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { fakeApi } from '../../test/fakeApi';
import { renderApp } from '../../test/renderApp';
import { SignupPage } from './SignupPage';

describe('SignupPage', () => {
  it('shows a CONFLICT on the field that is taken and a BAD_USER_INPUT on its own field', async () => {
    const api = fakeApi({
      Signup: () => ({
        body: {
          data: null,
          errors: [
            { message: 'This email is already registered', extensions: { code: 'CONFLICT', field: 'input.email' } },
            { message: 'At least 8 characters', extensions: { code: 'BAD_USER_INPUT', field: 'input.password' } },
          ],
        },
      }),
    });
    renderApp(<SignupPage />, { fetch: api.fetch, path: '/signup' });
    const user = userEvent.setup();

    await user.type(await screen.findByLabelText('Username'), 'ada');
    await user.type(screen.getByLabelText('Email'), 'ada@example.com');
    await user.type(screen.getByLabelText('Password'), 'short');
    await user.click(screen.getByRole('button', { name: 'Create account' }));

    await waitFor(() => expect(screen.getByLabelText('Email')).toHaveAttribute('aria-invalid', 'true'));
    expect(screen.getByLabelText('Email')).toHaveAccessibleDescription('This email is already registered');
    expect(screen.getByLabelText('Password')).toHaveAccessibleDescription(/At least 8 characters/);
    expect(screen.getByLabelText('Username')).not.toHaveAttribute('aria-invalid');
    expect(api.seen.find((r) => r.operationName === 'Signup')?.variables).toEqual({
      input: { username: 'ada', email: 'ada@example.com', password: 'short', baseCurrency: 'USD' },
    });
  });
});
