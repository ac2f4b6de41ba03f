// Live updates end to end: one user logged in from two browsers (two contexts: a laptop and
// a phone, say) on the real `tally` binary. What the laptop changes appears on the phone
// without a reload — a new row in the transactions list, a deleted one gone, the overview's
// tiles, the budget's used share and a notice when it crosses 80 % — and revoking the
// phone's session from the laptop's Settings sends the phone to the login page saying why.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { launch, openPage, screenshot } from './browser.mjs';
import { addTransaction, go, logIn, signUp, tile } from './flows.mjs';
import { startTally } from './tally.mjs';

const suffix = Date.now().toString(36);
const carol = { username: `carol_${suffix}`, email: `carol_${suffix}@example.com`, password: 'saffron pylon meadow 6204' };
const GROCERIES = 'Personal running costs / Groceries';

let server;
let browser;
let laptop;
let phone;

/** A mark in the page's document: a reload (a new document) would lose it. */
async function mark(page) {
  await page.evaluate(() => {
    window.liveMark = 'set before the change';
  });
}

async function assertNotReloaded(page) {
  assert.equal(await page.evaluate(() => window.liveMark), 'set before the change', 'the page was reloaded');
}

describe('live updates between two browsers of one user', { concurrency: false }, () => {
  before(async () => {
    server = await startTally();
    browser = await launch();
    laptop = await openPage(browser);
    phone = await openPage(browser);
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('signs up on the laptop and logs in on the phone', async () => {
    await laptop.page.goto(`${server.url}/`);
    await laptop.page.getByRole('heading', { name: 'Log in' }).waitFor();
    await signUp(laptop.page, carol);
    await phone.page.goto(`${server.url}/login`);
    await logIn(phone.page, carol);
  });

  it("shows a transaction added on the laptop in the phone's list, and its deletion, without a reload", async () => {
    await go(laptop.page, 'Transactions', 'Transactions');
    await go(phone.page, 'Transactions', 'Transactions');
    await phone.page.getByText('No transactions yet.').waitFor();
    await mark(phone.page);

    await addTransaction(laptop.page, { direction: 'out', amount: '12.50', description: 'Live lunch', category: GROCERIES });
    await phone.page.getByRole('cell', { name: 'Live lunch' }).first().waitFor();
    await phone.page.getByText('Page 1 of 1 · 1 transaction').waitFor();

    await addTransaction(laptop.page, { direction: 'out', amount: '1.00', description: 'Live mistake', category: GROCERIES });
    await phone.page.getByRole('cell', { name: 'Live mistake' }).first().waitFor();
    await laptop.page.getByRole('button', { name: 'Delete Live mistake' }).click();
    await laptop.page.getByRole('alertdialog', { name: 'Delete this transaction?' }).getByRole('button', { name: 'Delete' }).click();
    await phone.page.getByRole('cell', { name: 'Live mistake', exact: true }).waitFor({ state: 'detached' });
    await phone.page.getByText('Page 1 of 1 · 1 transaction').waitFor();
    await assertNotReloaded(phone.page);
    await screenshot(phone.page, 'live-01-phone-transactions');
  });

  it("updates the phone's overview tiles when income is recorded on the laptop", async () => {
    await go(phone.page, 'Overview', 'Overview');
    assert.equal(await tile(phone.page, 'tile-income'), '$0.00');
    await mark(phone.page);
    await addTransaction(laptop.page, { direction: 'in', amount: '2000', description: 'Live salary', category: 'Income / Salary' });
    await phone.page.getByTestId('tile-income').getByText('$2,000.00').waitFor();
    assert.equal(await tile(phone.page, 'tile-expenses'), '$12.50');
    await assertNotReloaded(phone.page);
  });

  it("updates the phone's budget and shows a notice when it crosses 80 %", async () => {
    await go(laptop.page, 'Budgets', 'Budgets');
    const form = laptop.page.getByRole('form', { name: 'Set a budget' });
    await form.getByLabel('Category').selectOption({ label: GROCERIES });
    await form.getByLabel('Amount').fill('100');
    await form.getByRole('button', { name: 'Set budget' }).click();
    await laptop.page.getByRole('rowheader', { name: GROCERIES }).waitFor();

    await go(phone.page, 'Budgets', 'Budgets');
    const groceries = phone.page.getByRole('row').filter({ has: phone.page.getByRole('rowheader', { name: GROCERIES }) });
    await groceries.getByText('12.50%').waitFor();
    await mark(phone.page);

    await go(laptop.page, 'Transactions', 'Transactions');
    await addTransaction(laptop.page, { direction: 'out', amount: '75', description: 'Live big shop', category: GROCERIES });
    await groceries.getByText('87.50%').waitFor();
    const alerts = phone.page.getByRole('status', { name: 'Budget alerts' });
    await alerts.getByText(/^Groceries has used 80 % of its budget for /).waitFor();
    await assertNotReloaded(phone.page);
    await screenshot(phone.page, 'live-02-phone-budget-notice');
    await alerts.getByRole('button', { name: 'Dismiss' }).click();
    await alerts.getByText(/^Groceries has used/).waitFor({ state: 'detached' });
  });

  it("revoking the phone's session from the laptop sends the phone to the login page, saying why", async () => {
    await go(laptop.page, 'Settings', 'Settings');
    const table = laptop.page.getByRole('table', { name: 'Active sessions' });
    await table.getByRole('row').nth(2).waitFor();
    await mark(phone.page);
    await table.getByRole('button', { name: /^Revoke the session of / }).click();
    await laptop.page.getByRole('alertdialog', { name: 'Revoke this session?' }).getByRole('button', { name: 'Revoke session' }).click();

    await phone.page.getByRole('heading', { name: 'Log in' }).waitFor();
    await phone.page.getByText('You were signed out: this session was revoked elsewhere.').waitFor();
    await assertNotReloaded(phone.page);
    await screenshot(phone.page, 'live-03-phone-signed-out');
    // The laptop stays logged in.
    await go(laptop.page, 'Transactions', 'Transactions');
    await laptop.page.getByRole('cell', { name: 'Live lunch' }).first().waitFor();
  });

  it('saw no page errors, no CSP violations and nothing sent by text', () => {
    assert.deepEqual(laptop.problems, []);
    assert.deepEqual(phone.problems, []);
  });
});
