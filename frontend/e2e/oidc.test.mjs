// Signing in through a real OpenID Connect provider (tests/oidc/provider.mjs, the certified
// `oidc-provider`) in Chromium: "Continue with Test IdP" on the login page creates the
// account and lands signed in; Settings → Security lists the linked provider; a provider
// that answers with an unverified email shows why on the login page.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { after, before, describe, it } from 'node:test';
import { launch, openPage, screenshot } from './browser.mjs';
import { startTally } from './tally.mjs';

const repo = resolve(import.meta.dirname, '..', '..');
const SECRET = 'an-e2e-client-secret-only-for-tests';

/** A free loopback port (Tally's public URL must be known before it starts). */
async function freePort() {
  const server = createServer();
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address();
  await new Promise((r) => server.close(r));
  return port;
}

async function startProvider(redirectUri) {
  spawnSync('bash', [resolve(repo, 'scripts', 'ensure-oidc-provider')], { stdio: 'inherit' });
  const child = spawn('node', ['provider.mjs', 'tally-e2e', SECRET, redirectUri], {
    cwd: resolve(repo, 'tests', 'oidc'),
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise((resolvePort, reject) => {
    child.on('exit', (code) => reject(new Error(`the provider exited with ${code}`)));
    createInterface({ input: child.stdout }).on('line', (line) => {
      if (line.startsWith('READY ')) resolvePort(line.slice(6).trim());
    });
  });
  const issuer = `http://127.0.0.1:${port}`;
  return {
    issuer,
    async account(body) {
      const response = await fetch(`${issuer}/admin/account`, { method: 'POST', body: JSON.stringify(body) });
      assert.equal(response.status, 204);
    },
    stop: () => child.kill('SIGTERM'),
  };
}

describe('signing in through an OpenID Connect provider', () => {
  let provider;
  let server;
  let browser;

  before(async () => {
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    provider = await startProvider(`${base}/auth/oidc/test/callback`);
    server = await startTally({
      TALLY_ADDR: `127.0.0.1:${port}`,
      TALLY_PUBLIC_URL: base,
      OIDC_PROVIDERS: 'test',
      OIDC_TEST_ISSUER: provider.issuer,
      OIDC_TEST_CLIENT_ID: 'tally-e2e',
      OIDC_TEST_CLIENT_SECRET: SECRET,
      OIDC_TEST_DISPLAY_NAME: 'Test IdP',
    });
    browser = await launch();
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
    provider?.stop();
  });

  it('signs up with a verified email and shows the linked provider in Settings', async () => {
    await provider.account({ sub: 'erin', email: 'erin@example.com', email_verified: true });
    const { page, problems } = await openPage(browser);
    await page.goto(`${server.url}/login`);
    await page.getByRole('link', { name: 'Continue with Test IdP' }).click();
    await page.waitForURL(`${server.url}/`);
    await page.getByRole('heading', { name: 'Overview' }).waitFor();
    await page.goto(`${server.url}/settings`);
    const panel = page.getByRole('region', { name: 'Sign-in providers' });
    await panel.getByText('linked (erin@example.com)').waitFor();
    await panel.getByRole('button', { name: 'Set password' }).waitFor();
    await screenshot(page, 'oidc-settings');
    assert.deepEqual(problems, []);
  });

  it('says why on the login page when the provider does not vouch for the email', async () => {
    await provider.account({ sub: 'frank', email: 'frank@example.com', email_verified: false });
    const { page } = await openPage(browser);
    await page.goto(`${server.url}/login`);
    await page.getByRole('link', { name: 'Continue with Test IdP' }).click();
    await page.waitForURL(/\/login#oidcError=email_unverified$/);
    await page.getByRole('alert').filter({ hasText: 'did not confirm your email' }).waitFor();
  });
});
