// Debian's Chromium through playwright-core (never a downloaded browser), with helpers the
// end-to-end test shares: screenshots, and the page errors, CSP violations and GraphQL
// requests (HTTP, or subscriptions over the WebSocket) that carry a document's text instead
// of its trusted-document id seen.
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';

export const ARTIFACTS = resolve(import.meta.dirname, '..', 'test-artifacts');

const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export async function launch() {
  mkdirSync(ARTIFACTS, { recursive: true });
  return chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', headless: true, args: ARGS });
}

/** A fresh context (its own cookies: another browser, in effect) and a page in it. */
export async function openPage(browser, options = {}) {
  const context = await browser.newContext({
    acceptDownloads: true,
    locale: 'en-US',
    timezoneId: 'UTC',
    viewport: { width: 1280, height: 900 },
    ...options,
  });
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    const text = message.text();
    if (/Content Security Policy|Refused to/i.test(text)) problems.push(`CSP: ${text}`);
  });
  page.on('request', (request) => {
    if (request.method() !== 'POST' || new URL(request.url()).pathname !== '/graphql') return;
    // GraphiQL (served at /graphql) sends what its user types; the dashboard only ids.
    if (new URL(page.url()).pathname === '/graphql') return;
    let body = null;
    try {
      body = request.postDataJSON();
    } catch {
      problems.push(`GraphQL request body is not JSON: ${request.postData()?.slice(0, 80)}`);
    }
    const named = body?.documentId ?? body?.extensions?.persistedQuery?.sha256Hash;
    if (body && (body.query || !named)) problems.push(`sent its text, not a trusted id: ${body.operationName}`);
  });
  // Subscriptions go over the WebSocket by trusted id as well, never by text.
  page.on('websocket', (socket) => {
    socket.on('framesent', ({ payload }) => {
      if (new URL(page.url()).pathname === '/graphql') return;
      let message = null;
      try {
        message = JSON.parse(String(payload));
      } catch {
        problems.push('WebSocket frame is not JSON');
      }
      const sub = message?.type === 'subscribe' ? message.payload : null;
      if (sub && (sub.query || !sub.extensions?.persistedQuery?.sha256Hash)) problems.push(`subscribed with its text, not a trusted id: ${sub.operationName}`);
    });
  });
  page.setDefaultTimeout(15_000);
  return { context, page, problems };
}

export async function screenshot(page, name) {
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
}
