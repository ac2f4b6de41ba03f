import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { fakeApi, session } from '../../test/fakeApi';
import { renderApp } from '../../test/renderApp';
import { TwoFactorSection } from './TwoFactorSection';

const status = (enabled: boolean, remaining: number) => ({
  body: { data: { me: { __typename: 'User', id: 'u1', twoFactorEnabled: enabled, recoveryCodesRemaining: remaining } } },
});
const CODES = Array.from({ length: 10 }, (_, i) => `AAAA-BBBB-CCCC-${String(i).padStart(4, '0')}`);
const audit = () => ({ body: { data: { myAuditLog: null } } });

describe('TwoFactorSection', () => {
  it('enrols: password, then the QR code and key, then a first code; the recovery codes are shown once', async () => {
    let enabled = false;
    const api = fakeApi({
      TwoFactorStatus: () => status(enabled, enabled ? 10 : 0),
      MyAuditLog: audit,
      StartTwoFactorEnrolment: () => ({
        body: {
          data: {
            startTwoFactorEnrolment: {
              __typename: 'TwoFactorEnrolment',
              otpauthUri: 'otpauth://totp/Tally:ada%40example.com?secret=JBSWY3DPEHPK3PXP&issuer=Tally',
              secret: 'JBSWY3DPEHPK3PXP',
            },
          },
        },
      }),
      ConfirmTwoFactorEnrolment: () => {
        enabled = true;
        return { body: { data: { confirmTwoFactorEnrolment: { __typename: 'RecoveryCodes', codes: CODES } } } };
      },
    });
    renderApp(<TwoFactorSection />, { fetch: api.fetch, session: session('t') });
    const user = userEvent.setup();

    await user.type(await screen.findByLabelText('Current password'), 'correct horse battery');
    await user.click(screen.getByRole('button', { name: 'Set up two-factor sign-in' }));
    expect(await screen.findByTestId('two-factor-secret')).toHaveTextContent('JBSWY3DPEHPK3PXP');
    const qr = await screen.findByRole('img', { name: 'QR code for your authenticator app' });
    expect(qr.getAttribute('src')).toMatch(/^data:image\/svg\+xml/);
    await user.type(screen.getByLabelText('Code from the app'), '123456');
    await user.click(screen.getByRole('button', { name: 'Turn on two-factor sign-in' }));

    const list = await screen.findByRole('list', { name: 'Recovery codes' });
    expect(list.querySelectorAll('li')).toHaveLength(10);
    await user.click(screen.getByRole('button', { name: 'I have saved them' }));
    expect(await screen.findByText(/10 recovery codes left/)).toBeInTheDocument();
    expect(screen.queryByRole('list', { name: 'Recovery codes' })).toBeNull();
    const start = api.seen.find((r) => r.operationName === 'StartTwoFactorEnrolment');
    expect(start?.variables).toEqual({ input: { password: 'correct horse battery' } });
  });

  it('turns it off with the password and a recovery code', async () => {
    let enabled = true;
    const api = fakeApi({
      TwoFactorStatus: () => status(enabled, 3),
      MyAuditLog: audit,
      DisableTwoFactor: () => {
        enabled = false;
        return { body: { data: { disableTwoFactor: true } } };
      },
    });
    renderApp(<TwoFactorSection />, { fetch: api.fetch, session: session('t') });
    const user = userEvent.setup();

    expect(await screen.findByText(/3 recovery codes left/)).toBeInTheDocument();
    await user.type(screen.getByLabelText('Current password'), 'correct horse battery');
    await user.type(screen.getByLabelText('Code from the app or a recovery code'), 'abcd-efgh-ijkl-mnop');
    await user.click(screen.getByRole('button', { name: 'Turn off two-factor sign-in' }));

    expect(await screen.findByText('Two-factor sign-in is off.')).toBeInTheDocument();
    await waitFor(() => expect(screen.getByRole('button', { name: 'Set up two-factor sign-in' })).toBeInTheDocument());
    const sent = api.seen.find((r) => r.operationName === 'DisableTwoFactor');
    expect(sent?.variables).toEqual({ input: { password: 'correct horse battery', recoveryCode: 'abcd-efgh-ijkl-mnop' } });
  });
});
