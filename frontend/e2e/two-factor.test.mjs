// Two-factor sign-in end to end: the real `tally` binary and its built dashboard in
// Chromium. A user turns it on in Settings → Security (the QR code is drawn in the page; the
// test reads the key text and computes codes itself with RFC 6238 over node:crypto), logs
// out, logs in with a code, logs out, and logs in with a recovery code.
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { launch, openPage, screenshot } from './browser.mjs';
import { startTally } from './tally.mjs';

const suffix = Date.now().toString(36);
const dana = { username: `dana_${suffix}`, email: `dana_${suffix}@example.com`, password: 'saffron glacier tandem 5280' };

function base32Decode(text) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const c of text.replace(/=+$/, '').toUpperCase()) bits += alphabet.indexOf(c).toString(2).padStart(5, '0');
  const bytes = [];
  for (let i = 0; i + 8 <= bits.length; i += 8) bytes.push(parseInt(bits.slice(i, i + 8), 2));
  return Buffer.from(bytes);
}

/** The 6-digit TOTP (HMAC-SHA1, 30 s) of `secret` for the step `offset` steps from now. */
async function totp(secret, offset = 0) {
  // Stay clear of a step's last seconds, so the code is still current when it arrives.
  while (Math.floor(Date.now() / 1000) % 30 >= 27) await new Promise((r) => setTimeout(r, 500));
  const step = Math.floor(Date.now() / 1000 / 30) + offset;
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(step));
  const mac = createHmac('sha1', base32Decode(secret)).update(counter).digest();
  const at = mac[mac.length - 1] & 0xf;
  const value = (mac.readUInt32BE(at) & 0x7fffffff) % 1_000_000;
  return String(value).padStart(6, '0');
}

let server;
let browser;
let session;

async function logOut(page) {
  await page.getByRole('button', { name: 'Log out', exact: true }).click();
  await page.getByRole('heading', { name: 'Log in' }).waitFor();
}

async function password(page) {
  await page.getByLabel('Email').fill(dana.email);
  await page.getByLabel('Password').fill(dana.password);
  await page.getByRole('button', { name: 'Log in' }).click();
}

describe('Two-factor sign-in in Chromium', { concurrency: false }, () => {
  before(async () => {
    server = await startTally();
    browser = await launch();
    session = await openPage(browser);
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  let secret;
  let recoveryCodes;

  it('turns two-factor sign-in on in Settings → Security with the QR code, the key and a first code', async () => {
    const { page } = session;
    await page.goto(`${server.url}/signup`);
    await page.getByLabel('Username').fill(dana.username);
    await page.getByLabel('Email').fill(dana.email);
    await page.getByLabel('Password').fill(dana.password);
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByRole('heading', { name: 'Overview' }).waitFor();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();

    const panel = page.getByRole('region', { name: 'Two-factor sign-in' });
    await panel.getByLabel('Current password').fill(dana.password);
    await panel.getByRole('button', { name: 'Set up two-factor sign-in' }).click();
    secret = (await panel.getByTestId('two-factor-secret').textContent()).trim();
    assert.match(secret, /^[A-Z2-7]{32}$/);
    const qr = panel.getByRole('img', { name: 'QR code for your authenticator app' });
    await qr.waitFor();
    assert.ok(await qr.evaluate((img) => img.complete && img.naturalWidth > 0), 'the QR code is drawn');
    await screenshot(page, '2fa-01-enrol');

    await panel.getByLabel('Code from the app').fill(await totp(secret, -1));
    await panel.getByRole('button', { name: 'Turn on two-factor sign-in' }).click();
    const list = panel.getByRole('list', { name: 'Recovery codes' });
    await list.waitFor();
    recoveryCodes = (await list.locator('code').allTextContents()).map((c) => c.trim());
    assert.equal(recoveryCodes.length, 10);
    await screenshot(page, '2fa-02-recovery-codes');
    await panel.getByRole('button', { name: 'I have saved them' }).click();
    await panel.getByText('10 recovery codes left').waitFor();
    assert.deepEqual(session.problems, []);
  });

  it('asks for a code after the password, and signs in with it', async () => {
    const { page } = session;
    await logOut(page);
    await password(page);
    await page.getByLabel('Authentication code').fill(await totp(secret, 0));
    await screenshot(page, '2fa-03-code-step');
    await page.getByRole('button', { name: 'Verify' }).click();
    await page.getByRole('button', { name: 'Log out', exact: true }).waitFor();
  });

  it('signs in with a recovery code, once', async () => {
    const { page } = session;
    await logOut(page);
    await password(page);
    await page.getByRole('button', { name: 'Use a recovery code instead' }).click();
    await page.getByLabel('Recovery code').fill(recoveryCodes[0]);
    await page.getByRole('button', { name: 'Verify' }).click();
    await page.getByRole('button', { name: 'Log out', exact: true }).waitFor();

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('region', { name: 'Two-factor sign-in' }).getByText('9 recovery codes left').waitFor();
    await logOut(page);
    await password(page);
    await page.getByRole('button', { name: 'Use a recovery code instead' }).click();
    await page.getByLabel('Recovery code').fill(recoveryCodes[0]);
    await page.getByRole('button', { name: 'Verify' }).click();
    await page.getByRole('alert').getByText('not correct').waitFor();
    assert.deepEqual(session.problems, []);
  });
});
