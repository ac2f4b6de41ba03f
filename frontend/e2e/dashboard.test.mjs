// The dashboard end to end: the real `tally` binary on a fresh database serving the built
// dashboard, driven through Debian's Chromium. One user's story in order (sign up, record
// income and expenses, watch tiles and charts change, page through, import a CSV with a
// bad row, export), a phone-width look, a reload that keeps the session (refresh cookie),
// Settings → Security (change password, sessions, audit log), "log out everywhere" from a
// second browser context ending the first, a second user who sees none of it, and the
// Admin page after `tally admin promote`; the transactions workflow (filters in the URL,
// the server's totals, batch changes), rules (reorder, preview, apply) and the profile. Screenshots land in
// test-artifacts/; every-page.test.mjs checks each page's accessibility and phone layout.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { launch, openPage, screenshot } from './browser.mjs';
import { addTransaction, go, logIn, signUp, tile } from './flows.mjs';
import { startTally } from './tally.mjs';

const year = new Date().getFullYear();
const suffix = Date.now().toString(36);
// Passphrases the sign-up policy accepts (8+ characters, not common: zxcvbn score 3+).
const alice = { username: `alice_${suffix}`, email: `alice_${suffix}@example.com`, password: 'copper lantern orbit 4817' };
const bob = { username: `bob_${suffix}`, email: `bob_${suffix}@example.com`, password: 'velvet tundra gazebo 2093' };
const ALICE_NEW_PASSWORD = 'marble quokka harvest 7351';
const BAD_ROW = 17; // spreadsheet numbering: header is row 1

/** 30 good rows and, at spreadsheet row BAD_ROW, one whose amount is not a number. */
function csvWithOneBadRow() {
  const rows = ['date,description,amount'];
  for (let i = 1; i <= 31; i += 1) {
    const day = String(((i - 1) % 28) + 1).padStart(2, '0');
    const row = i + 1;
    rows.push(row === BAD_ROW ? `${year}-02-${day},Broken row,twelve` : `${year}-02-${day},Imported coffee ${String(i).padStart(2, '0')},-3.${String(i).padStart(2, '0')}`);
  }
  return rows.join('\n');
}

let server;
let browser;
let main; // alice's page: { context, page, problems }
let bobs; // bob's browser, from his sign-up on

/** No access token (or anything else) is ever written to web storage. */
async function assertNothingStored(page) {
  const stored = await page.evaluate(() => ({ local: localStorage.length, session: sessionStorage.length }));
  assert.deepEqual(stored, { local: 0, session: 0 });
}

/** Bars with a height (recharts draws a path only for a non-zero bar) and pie slices. */
async function chartMarks(page) {
  await page.locator('.recharts-surface').first().waitFor();
  return page.evaluate(() => ({
    bars: document.querySelectorAll('.recharts-bar-rectangle path').length,
    slices: document.querySelectorAll('.recharts-pie-sector path').length,
  }));
}

describe('Tally dashboard in Chromium', { concurrency: false }, () => {
  before(async () => {
    server = await startTally();
    browser = await launch();
    main = await openPage(browser);
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('sends an anonymous visitor to the login page after trying to restore a session', async () => {
    const refreshes = [];
    main.page.on('request', (r) => {
      if (r.url().endsWith('/graphql') && (r.postData() ?? '').includes('RefreshSession')) refreshes.push(r);
    });
    const response = await main.page.goto(`${server.url}/`);
    assert.match(response.headers()['content-security-policy'], /script-src 'self';/);
    await main.page.getByRole('heading', { name: 'Log in' }).waitFor();
    assert.equal(refreshes.length, 1, 'one refreshSession attempt on page load');
    await screenshot(main.page, '01-login');
  });

  it('signs up, lands on an empty overview, then sees income and expenses change tiles and charts', async () => {
    const { page } = main;
    await signUp(page, alice);
    assert.equal(await tile(page, 'tile-income'), '$0.00');
    await page.getByText('No income or expenses in this period yet.').waitFor();
    await page.getByText('No expenses in this period.').waitFor();
    await page.getByText('Nothing recorded yet.').waitFor();
    assert.equal(await page.locator('.recharts-surface').count(), 0, 'no empty axes drawn');

    await go(page, 'Transactions', 'Transactions');
    await page.getByText('No transactions yet.').waitFor();
    await page.getByRole('button', { name: 'Add your first transaction' }).waitFor();
    await addTransaction(page, { direction: 'in', amount: '3000', description: 'Salary November', category: 'Income / Salary' });
    await addTransaction(page, { direction: 'out', amount: '1200', description: 'Rent November', category: 'Housing / Rent' });
    await addTransaction(page, { direction: 'out', amount: '50.25', description: 'Weekly groceries', category: 'Personal running costs / Groceries' });

    await go(page, 'Overview', 'Overview');
    await page.getByTestId('tile-income').getByText('$3,000.00').waitFor();
    assert.equal(await tile(page, 'tile-expenses'), '$1,250.25');
    assert.equal(await tile(page, 'tile-net-income'), '$1,749.75');
    assert.match(await tile(page, 'tile-savings-rate'), /^58\.3\d%$/);
    const afterMarks = await chartMarks(page);
    assert.ok(afterMarks.bars >= 2, `income and expense bars drawn: ${afterMarks.bars}`);
    assert.equal(afterMarks.slices, 2, 'Housing and Personal running costs');
    const shares = page.getByRole('list', { name: 'Expenses by category' });
    await shares.getByText('Housing').waitFor();
    await shares.getByText('$1,200.00').waitFor();
    await screenshot(page, '02-overview');
  });

  it('imports a CSV: one bad row is reported by row number and nothing is written, then the good rows', async () => {
    const { page } = main;
    await go(page, 'Transactions', 'Transactions');
    await page.getByRole('button', { name: 'Import CSV' }).click();
    const dialog = page.getByRole('dialog', { name: 'Import transactions from CSV' });
    await dialog.getByLabel('CSV text').fill(csvWithOneBadRow());
    await dialog.getByRole('button', { name: 'Import', exact: true }).click();

    const result = dialog.getByRole('status', { name: 'Import result' });
    await result.getByText(/nothing was imported/).waitFor();
    const errors = dialog.getByRole('table', { name: 'Rows with errors' });
    const row = errors.getByRole('row').nth(1);
    assert.equal((await row.getByRole('cell').first().textContent()).trim(), String(BAD_ROW));
    await screenshot(page, '03-import-error');
    await page.getByText('Page 1 of 1 · 3 transactions').waitFor();

    await dialog.getByLabel('Import nothing if any row has an error').uncheck();
    await dialog.getByRole('button', { name: 'Import', exact: true }).click();
    await result.getByText('Imported 30 transactions').waitFor();
    await dialog.getByRole('button', { name: 'Close', exact: true }).click();
    await page.getByText('Page 1 of 2 · 33 transactions').waitFor();
  });

  it('pages through transactions with keyset cursors, filters, and deletes after confirming', async () => {
    const { page } = main;
    const rows = page.locator('table.transactions tbody tr:not(.month-row)');
    assert.equal(await rows.count(), 25);
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByText('Page 2 of 2 · 33 transactions').waitFor();
    // The first page stays on screen until the second has arrived.
    await page.waitForFunction(() => document.querySelectorAll('table.transactions tbody tr:not(.month-row)').length === 8);
    assert.equal(await rows.count(), 8);
    assert.equal(await page.getByRole('button', { name: 'Next' }).isDisabled(), true);
    await screenshot(page, '04-transactions-page-2');
    await page.getByRole('button', { name: 'Previous' }).click();
    await page.getByText('Page 1 of 2 · 33 transactions').waitFor();

    // The filter applies as you type and lives in the URL.
    await page.getByLabel('Description contains').fill('coffee 07');
    await page.getByText('Page 1 of 1 · 1 transaction').waitFor();
    assert.match(page.url(), /[?&]q=coffee\+07(&|$)/);
    await page.getByRole('button', { name: 'Delete Imported coffee 07' }).click();
    const confirm = page.getByRole('alertdialog', { name: 'Delete this transaction?' });
    await confirm.getByRole('button', { name: 'Delete' }).click();
    await page.getByText('No transactions match these filters.').waitFor();
    await page.getByRole('search').getByRole('button', { name: 'Clear filters' }).click();
    await page.getByText('Page 1 of 2 · 32 transactions').waitFor();
    // Back goes to the filtered list again, and a shared link opens it as it was.
    await page.goBack();
    await page.getByText('No transactions match these filters.').waitFor();
    assert.equal(await page.getByLabel('Description contains').inputValue(), 'coffee 07');
    await page.goto(`${server.url}/transactions?q=imported+coffee&sort=amount-asc`);
    await page.getByText('Page 1 of 2 · 29 transactions').waitFor();
    assert.equal(await page.getByLabel('Sort').inputValue(), 'amount-asc');
    assert.match(await page.locator('.totals').innerText(), /USD · 29 transactions[\s\S]*Out\s*-\$/);
    await page.getByLabel('Description contains').fill('');
    await page.getByText('Page 1 of 2 · 32 transactions').waitFor();
    await screenshot(page, '05-transactions');
  });

  it('exports the transactions as CSV', async () => {
    const { page } = main;
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export CSV' }).click()]);
    assert.match(download.suggestedFilename(), /^tally-transactions-\d{4}-\d{2}-\d{2}\.csv$/);
    const text = readFileSync(await download.path(), 'utf8');
    const lines = text.trim().split(/\r?\n/);
    assert.equal(lines[0], 'date,account,category,description,amount,currency,tags,notes,id');
    assert.equal(lines.length, 33, 'header and 32 transactions');
    assert.ok(lines.some((l) => l.includes('Salary November') && l.includes('3000.00')));
    assert.ok(!lines.some((l) => l.includes('Imported coffee 07')), 'the deleted one is gone');
  });

  it('opens an investment account and values it: net worth and allocation follow', async () => {
    const { page } = main;
    await go(page, 'Accounts', 'Accounts');
    await page.getByRole('rowheader', { name: /Default/ }).waitFor();
    await page.getByRole('button', { name: 'Open an account' }).click();
    const dialog = page.getByRole('dialog', { name: 'Open an account' });
    await dialog.getByLabel('Name').fill('Brokerage');
    await dialog.getByLabel('Kind').selectOption({ label: 'Investment' });
    await dialog.getByRole('button', { name: 'Open account' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByRole('rowheader', { name: 'Brokerage' }).waitFor();
    await screenshot(page, '06-accounts');

    await go(page, 'Net worth', 'Net worth');
    const before = (await page.getByTestId('tile-net-worth').locator('.tile-value').textContent()).trim();
    assert.equal(before, '$1,658.02', 'the checking account: 3000 - 1200 - 50.25 - 29 imported coffees');
    const form = page.getByRole('form', { name: 'Record a valuation' });
    await form.getByLabel('Value').fill('5000');
    await form.getByRole('button', { name: 'Save valuation' }).click();
    await page.getByTestId('tile-net-worth').getByText('$6,658.02').waitFor();
    await page.getByRole('list', { name: 'Assets by account kind' }).getByText('Investment').waitFor();
    await page.getByRole('cell', { name: '$5,000.00' }).waitFor();
    await screenshot(page, '07-net-worth');
  });

  it('changes a selection with one request per batch: categorise, tag, delete; a running balance for one account', async () => {
    const { page } = main;
    await go(page, 'Transactions', 'Transactions');
    await page.getByLabel('Description contains').fill('imported coffee 0');
    await page.getByText('Page 1 of 1 · 8 transactions').waitFor();
    const batches = [];
    page.on('request', (request) => {
      const operation = /"operationName":"(UpdateTransactions|DeleteTransactions)"/.exec(request.postData() ?? '');
      if (operation) batches.push(operation[1]);
    });
    const bar = page.getByRole('region', { name: 'Change the selected transactions' });
    const select = async (numbers) => {
      for (const n of numbers) await page.getByRole('checkbox', { name: `Select Imported coffee ${n}` }).check();
      await bar.getByText(`${numbers.length} transactions selected`).waitFor();
    };
    const categoryOf = (n) => page.getByLabel(`Category of Imported coffee ${n}`).evaluate((el) => el.selectedOptions[0]?.textContent);

    await select(['01', '02', '03']);
    await bar.getByLabel('Category').selectOption({ label: 'Personal running costs / Groceries' });
    await bar.getByRole('button', { name: 'Set category' }).click();
    await bar.waitFor({ state: 'detached' });
    for (const n of ['01', '02', '03']) assert.equal(await categoryOf(n), 'Personal running costs / Groceries');
    assert.equal(await categoryOf('04'), 'Uncategorized');

    await select(['01', '03']);
    await bar.getByLabel('Tags').fill('Caffeine');
    await bar.getByRole('button', { name: 'Add tags' }).click();
    await bar.waitFor({ state: 'detached' });
    const first = page.locator('table.transactions tr').filter({ hasText: 'Imported coffee 01' });
    await first.getByText('caffeine').waitFor();
    await screenshot(page, '07b-transactions-batch');

    await select(['01', '02']);
    await bar.getByRole('button', { name: 'Delete selected' }).click();
    await page.getByRole('alertdialog', { name: 'Delete 2 transactions?' }).getByRole('button', { name: 'Delete' }).click();
    await page.getByText('Page 1 of 1 · 6 transactions').waitFor();
    assert.deepEqual(batches, ['UpdateTransactions', 'UpdateTransactions', 'DeleteTransactions'], 'one request per batch');

    // In-place category change of one row.
    await page.getByLabel('Category of Imported coffee 04').selectOption({ label: 'Personal running costs / Groceries' });
    await page.waitForFunction(() => document.querySelector('[aria-label="Category of Imported coffee 04"]')?.selectedOptions[0]?.textContent === 'Personal running costs / Groceries');

    // One account, by date: its running balance.
    await page.getByLabel('Description contains').fill('');
    await page.getByText('Page 1 of 2 · 30 transactions').waitFor();
    await page.getByLabel('Account').selectOption({ label: 'Main account' });
    await page.getByRole('columnheader', { name: 'Balance' }).waitFor();
    assert.match(page.url(), /[?&]account=/);
    const newest = page.locator('table.transactions tbody tr:not(.month-row)').first();
    assert.match(await newest.innerText(), /\$1,664\.05/, 'the checking balance after the newest row');
    await page.getByRole('search').getByRole('button', { name: 'Clear filters' }).click();
    await page.getByText('Page 1 of 2 · 30 transactions').waitFor();
  });

  it('keeps rules: add two, reorder, preview one and apply it to existing transactions', async () => {
    const { page } = main;
    await go(page, 'Rules', 'Rules');
    await page.getByText('No rules yet.').waitFor();

    async function addRule({ name, text, category, amountTo, tags }) {
      await page.getByRole('button', { name: 'Add rule' }).first().click();
      const dialog = page.getByRole('dialog', { name: 'Add a rule' });
      await dialog.getByLabel('Name', { exact: true }).fill(name);
      if (text) await dialog.getByLabel('Text or pattern').fill(text);
      if (amountTo) await dialog.getByLabel('Amount to', { exact: true }).fill(amountTo);
      if (category) await dialog.getByLabel('Set category').selectOption({ label: category });
      await dialog.getByLabel('Add tags').fill(tags);
      await dialog.getByRole('button', { name: 'Add rule' }).click();
      await dialog.waitFor({ state: 'detached' });
    }
    // A bad regular expression is refused under its field.
    await page.getByRole('button', { name: 'Add rule' }).first().click();
    const bad = page.getByRole('dialog', { name: 'Add a rule' });
    await bad.getByLabel('Name', { exact: true }).fill('Broken');
    await bad.getByLabel('Description', { exact: true }).selectOption('REGEX');
    await bad.getByLabel('Text or pattern').fill('(coffee');
    await bad.getByLabel('Add tags').fill('x');
    await bad.getByRole('button', { name: 'Add rule' }).click();
    await bad.getByText(/not a valid regular expression/).waitFor();
    await bad.getByRole('button', { name: 'Cancel' }).click();

    await addRule({ name: 'Coffee', text: 'imported coffee 0', category: 'Personal running costs / Restaurants', tags: 'coffee' });
    await addRule({ name: 'Big spend', amountTo: '-1000', tags: 'big' });
    const rules = page.getByRole('list', { name: 'Rules in order' }).getByRole('listitem');
    await rules.nth(1).getByText('Big spend').waitFor();
    await page.getByRole('button', { name: 'Move Big spend up' }).click();
    await rules.first().getByText('Big spend').waitFor();
    await screenshot(page, '08a-rules');

    await rules.filter({ hasText: 'Coffee' }).getByRole('button', { name: 'Preview' }).click();
    const preview = page.getByRole('dialog', { name: 'Preview Coffee' });
    await preview.getByText(/\d+ changes? among \d+ transactions looked at/).waitFor();
    await preview.getByText('Imported coffee 05').waitFor();
    await preview.getByRole('button', { name: 'Apply to existing transactions' }).click();
    const notice = await page.getByText(/^Coffee: \d+ transactions? changed\.$/).innerText();
    assert.ok(Number(notice.match(/\d+/)[0]) > 0, notice);
    await rules.filter({ hasText: 'Coffee' }).getByRole('button', { name: 'Preview' }).click();
    await page.getByRole('dialog', { name: 'Preview Coffee' }).getByText(/^No changes among/).waitFor();
    await page.getByRole('dialog', { name: 'Preview Coffee' }).getByRole('button', { name: 'Close', exact: true }).click();
  });

  it('shows every other page', async () => {
    const { page } = main;

    await go(page, 'Categories', 'Categories');
    await page.getByText('Groceries').waitFor();
    await screenshot(page, '08-categories');

    await go(page, 'Budgets', 'Budgets');
    const form = page.getByRole('form', { name: 'Set a budget' });
    await form.getByLabel('Category').selectOption({ label: 'Personal running costs / Groceries' });
    await form.getByLabel('Amount').fill('400');
    await form.getByRole('button', { name: 'Set budget' }).click();
    await page.getByRole('rowheader', { name: 'Personal running costs / Groceries' }).waitFor();
    await screenshot(page, '09-budgets');

    await go(page, 'Settings', 'Settings');
    await page.getByText(alice.email).waitFor();
    await screenshot(page, '10-settings');

    // The profile: a new username (the top bar follows), the currency list, the email with
    // the password.
    const profile = page.getByRole('form', { name: 'Profile' });
    alice.username = `${alice.username}_x`;
    await profile.getByLabel('Username').fill(alice.username);
    await profile.getByRole('button', { name: 'Save profile' }).click();
    await profile.getByText('Your profile has been saved.').waitFor();
    await page.getByLabel('Logged in as').getByText(alice.username).waitFor();
    assert.ok((await profile.locator('datalist option[value="EUR"]').count()) === 1, 'EUR is offered');
    const email = page.getByRole('form', { name: 'Change email' });
    const newEmail = `alice.new_${suffix}@example.com`;
    await email.getByLabel('New email').fill(newEmail);
    await email.getByLabel('Current password').fill('not my password');
    await email.getByRole('button', { name: 'Change email' }).click();
    await email.getByText('The current password is not correct').waitFor();
    await email.getByLabel('Current password').fill(alice.password);
    await email.getByRole('button', { name: 'Change email' }).click();
    await email.getByText(/Your email has been changed/).waitFor();
    alice.email = newEmail;
    await page.getByText(alice.email).waitFor();
  });

  it('sets up recurring transactions: next dates, skip the next one, record a suggested one, weekly on two weekdays edited to monthly; the overview lists them', async () => {
    const { page } = main;
    await go(page, 'Recurring', 'Recurring');
    const form = page.getByRole('form', { name: 'Add a recurring transaction' });
    await form.getByLabel('Amount').fill('1250');
    await form.getByLabel('Description').fill('Rent');
    await form.getByLabel('Repeats').selectOption({ label: 'Monthly' });
    await form.getByLabel('On the last day of the month').check();
    await form.getByRole('button', { name: 'Add recurring' }).click();
    const schedules = page.getByRole('table', { name: 'Recurring schedules' });
    const rent = schedules.getByRole('row').filter({ hasText: 'Rent' });
    await rent.waitFor();
    const next = (await rent.locator('td').nth(3).textContent()).trim();
    await rent.getByRole('button', { name: 'Skip next' }).click();
    await page.waitForFunction(
      (before) => [...document.querySelectorAll('table[aria-label="Recurring schedules"] tr')].some((r) => r.textContent.includes('Rent') && !r.textContent.includes(before)),
      next,
    );

    // A suggested one dated today: the job (every second in this test) makes it due.
    await form.getByLabel('Amount').fill('30');
    await form.getByLabel('Description').fill('Gym');
    await form.getByLabel('Repeats').selectOption({ label: 'Daily' });
    await form.getByLabel('Record automatically (otherwise suggest)').uncheck();
    await form.getByRole('button', { name: 'Add recurring' }).click();
    await schedules.getByRole('cell', { name: 'Gym (suggested)' }).waitFor();
    const record = page.getByRole('button', { name: 'Record Gym' });
    for (let tries = 0; tries < 20 && !(await record.isVisible()); tries += 1) {
      await page.waitForTimeout(500);
      await go(page, 'Overview', 'Overview');
      await go(page, 'Recurring', 'Recurring');
    }
    await record.click();
    await record.waitFor({ state: 'detached' });
    await page.getByRole('table', { name: 'Next 30 days of recurring transactions' }).getByText('Recorded').waitFor();
    await screenshot(page, '10b-recurring');

    // Weekly on two weekdays, four times, with a category and tags: four dates coming.
    await form.getByLabel('Amount').fill('20');
    await form.getByLabel('Description').fill('Grocery box');
    await form.getByLabel('Category').selectOption({ label: 'Personal running costs / Groceries' });
    await form.getByLabel('Tags').fill('home, weekly');
    await form.getByLabel('Repeats').selectOption({ label: 'Weekly' });
    await form.getByLabel('Mon', { exact: true }).check();
    await form.getByLabel('Thu', { exact: true }).check();
    await form.getByLabel('After how many times').fill('4');
    await form.getByLabel('Record automatically (otherwise suggest)').check();
    await screenshot(page, '10c-recurring-weekly-form');
    await form.getByRole('button', { name: 'Add recurring' }).click();
    const box = schedules.getByRole('row').filter({ hasText: 'Grocery box' });
    await box.getByRole('cell', { name: 'Every week, Mon Thu, 4 times' }).waitFor();
    const boxDates = page.getByRole('table', { name: 'Next 30 days of recurring transactions' }).getByRole('row').filter({ hasText: 'Grocery box' });
    await boxDates.nth(3).waitFor();
    assert.equal(await boxDates.count(), 4, 'four dates, then the count ends it');
    const dates = await boxDates.evaluateAll((rows) => rows.map((r) => r.cells[0].textContent.trim()));
    // The first date, or the second when the job already recorded today's.
    const boxNext = (await box.locator('td').nth(3).textContent()).trim();
    assert.ok(dates.slice(0, 2).includes(boxNext), `next date ${boxNext} among ${dates}`);
    const weekdays = await boxDates.evaluateAll((rows) => rows.map((r) => new Date(`${r.cells[0].textContent} UTC`).getUTCDay()));
    assert.ok(weekdays.every((d) => d === 1 || d === 4), `Mondays and Thursdays only: ${weekdays}`);

    // Edit: the form comes filled in; monthly on the last day keeps the category, tags and count.
    const editForm = page.getByRole('form', { name: 'Edit the recurring transaction' });
    const openEdit = async () => {
      await box.getByRole('button', { name: 'Edit Grocery box' }).click();
      await editForm.waitFor();
    };
    const chosenCategory = () => editForm.getByLabel('Category').evaluate((select) => select.selectedOptions[0].textContent);
    await openEdit();
    assert.ok(await editForm.getByLabel('Mon', { exact: true }).isChecked());
    assert.ok(await editForm.getByLabel('Thu', { exact: true }).isChecked());
    assert.ok(!(await editForm.getByLabel('Tue', { exact: true }).isChecked()));
    assert.equal(await editForm.getByLabel('After how many times').inputValue(), '4');
    assert.equal(await chosenCategory(), 'Personal running costs / Groceries');
    await editForm.getByLabel('Repeats').selectOption({ label: 'Monthly' });
    await editForm.getByLabel('On the last day of the month').check();
    await editForm.getByRole('button', { name: 'Save changes' }).click();
    await editForm.waitFor({ state: 'detached' });
    await box.getByRole('cell', { name: 'Every month, last day, 4 times' }).waitFor();
    await openEdit();
    assert.equal(await editForm.getByLabel('Repeats').inputValue(), 'MONTHLY');
    assert.ok(await editForm.getByLabel('On the last day of the month').isChecked());
    assert.equal(await chosenCategory(), 'Personal running costs / Groceries');
    assert.match(await editForm.getByLabel('Tags').inputValue(), /home.*weekly/);
    assert.equal(await editForm.getByLabel('After how many times').inputValue(), '4');
    await editForm.getByRole('button', { name: 'Cancel' }).click();
    await editForm.waitFor({ state: 'detached' });

    await go(page, 'Overview', 'Overview');
    await page.getByRole('table', { name: 'Next 30 days' }).getByText('Gym').first().waitFor();
    await go(page, 'Transactions', 'Transactions');
    await page.getByRole('cell', { name: 'Gym' }).first().waitFor();
    // The tests after this one start where "shows every other page" ended.
    await go(page, 'Settings', 'Settings');
  });

  it('fits a phone screen (375 px) without sideways scrolling', async () => {
    const phone = await main.context.newPage();
    await phone.setViewportSize({ width: 375, height: 812 });
    await phone.goto(`${server.url}/transactions`);
    // The phone's compact list: every amount in view.
    const amounts = phone.locator('.transaction-list .item-amount');
    await amounts.first().waitFor();
    for (const box of await amounts.evaluateAll((els) => els.map((el) => el.getBoundingClientRect().right))) {
      assert.ok(box <= 375, `an amount ends at ${box}px`);
    }
    await phone.getByRole('button', { name: 'Menu' }).click();
    await phone.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Overview' }).click();
    // A new tab has no token in memory: it restores the session through the cookie.
    await phone.getByTestId('tile-income').getByText('$3,000.00').waitFor();
    const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `page is ${overflow}px wider than the phone`);
    await screenshot(phone, '11-overview-phone');
    await phone.close();
  });

  it('stays logged in across a reload (refresh cookie), with nothing in web storage', async () => {
    const { page } = main;
    await page.reload();
    await page.getByRole('heading', { name: 'Settings', level: 1 }).waitFor();
    await page.getByText(alice.email).waitFor();
    await assertNothingStored(page);
  });

  it('shows Settings → Security: sessions, audit log, and a password change with its errors', async () => {
    const { page } = main;
    const sessions = page.getByRole('table', { name: 'Active sessions' });
    const current = sessions.getByRole('row').filter({ hasText: 'This session' });
    await current.waitFor();
    assert.equal(await current.count(), 1, 'exactly one session is this one');
    assert.match(await current.innerText(), /127\.0\.0\.1/);
    // The audit log names what changed and the browser it came from.
    const log = page.getByRole('table', { name: 'My audit log' });
    await log.getByRole('cell', { name: 'Email changed' }).waitFor();
    await log.getByRole('cell', { name: 'Profile changed' }).waitFor();
    await log.getByText(/ on Linux$/).first().waitFor();
    // Newest first, 20 a page: by now (recurring schedules made and edited) the import may be
    // a page or two back; go there and come back to the first page.
    const coffee = log.getByRole('cell', { name: 'Transaction Imported coffee 03' }).first();
    const auditPages = page.getByRole('navigation', { name: 'Audit log pages' });
    let back = 0;
    while (back < 5 && !(await coffee.waitFor({ timeout: 3000 }).then(() => true, () => false))) {
      await auditPages.getByRole('button', { name: 'Next' }).click();
      back += 1;
      await auditPages.getByText(`Page ${back + 1}`).waitFor();
    }
    await coffee.waitFor();
    for (; back > 0; back -= 1) await auditPages.getByRole('button', { name: 'Previous' }).click();
    await log.getByRole('cell', { name: 'Email changed' }).waitFor();

    const form = page.getByRole('form', { name: 'Change password' });
    await form.getByLabel('Current password').fill(alice.password);
    await form.getByLabel('New password', { exact: true }).fill('password123');
    await form.getByLabel('Repeat the new password').fill('password123');
    await form.getByRole('button', { name: 'Change password' }).click();
    await form.getByText(/Password is too (common|easy to guess)/).waitFor();
    assert.equal(await form.getByLabel('New password', { exact: true }).getAttribute('aria-invalid'), 'true');
    await screenshot(page, '13-settings-password-error');

    await form.getByLabel('New password', { exact: true }).fill(ALICE_NEW_PASSWORD);
    await form.getByLabel('Repeat the new password').fill(ALICE_NEW_PASSWORD);
    await form.getByRole('button', { name: 'Change password' }).click();
    await page.getByText('Every other session has been logged out').waitFor();
    alice.password = ALICE_NEW_PASSWORD;
    await log.getByRole('cell', { name: 'Password changed' }).waitFor();
    await go(page, 'Overview', 'Overview');
    await page.getByTestId('tile-income').getByText('$3,000.00').waitFor();
    await go(page, 'Settings', 'Settings');
    await page.getByRole('table', { name: 'Active sessions' }).waitFor();
    await screenshot(page, '14-settings-security');
  });

  it('logs out everywhere from a second context and the first is sent to the login page at once', async () => {
    const second = await openPage(browser);
    await second.page.goto(`${server.url}/login`);
    await logIn(second.page, alice);
    await go(second.page, 'Settings', 'Settings');
    const others = second.page.getByRole('table', { name: 'Active sessions' }).getByRole('row');
    await others.nth(2).waitFor();
    await second.page.getByRole('button', { name: 'Log out everywhere' }).click();
    const confirm = second.page.getByRole('alertdialog', { name: 'Log out on every device?' });
    await confirm.getByRole('button', { name: 'Log out everywhere' }).click();
    await second.page.getByRole('heading', { name: 'Log in' }).waitFor();
    await second.page.getByText('You have been logged out on every device.').waitFor();

    // The first context is told at once over its WebSocket: the login page says why.
    await main.page.getByRole('heading', { name: 'Log in' }).waitFor();
    await main.page.getByText('You were signed out: every session was logged out elsewhere.').waitFor();
    await screenshot(main.page, '15-session-ended');
    assert.deepEqual(second.problems, []);
    await second.context.close();
  });

  it("a second user in another browser sees none of the first user's data", async () => {
    bobs = await openPage(browser);
    const { page } = bobs;
    await page.goto(`${server.url}/`);
    await page.getByRole('heading', { name: 'Log in' }).waitFor();
    await signUp(page, bob);
    assert.equal(await tile(page, 'tile-income'), '$0.00');
    assert.equal(await tile(page, 'tile-expenses'), '$0.00');
    await go(page, 'Transactions', 'Transactions');
    await page.getByText('No transactions yet.').waitFor();
    await page.getByText('Page 1 of 1 · 0 transactions').waitFor();
    await go(page, 'Budgets', 'Budgets');
    await page.getByText('No budgets for this month.').waitFor();
    await go(page, 'Settings', 'Settings');
    await page.getByText(bob.email).waitFor();
    const text = await page.locator('body').innerText();
    for (const secret of [alice.email, alice.username, 'Salary November', 'Imported coffee']) {
      assert.ok(!text.includes(secret), `bob's page shows ${secret}`);
    }
    await screenshot(page, '12-second-user');
    assert.deepEqual(bobs.problems, []);
  });

  it('promoted with the CLI, the first user administers users on the Admin page', async () => {
    const said = server.cli(['admin', 'promote', alice.email]);
    assert.match(said, /is now ADMIN/i);
    const { page } = main;
    await logIn(page, alice);
    await go(page, 'Admin', 'Admin');
    const users = page.getByRole('table', { name: 'Users' });
    await users.getByRole('rowheader', { name: new RegExp(bob.username) }).waitFor();
    await page.getByText('Page 1 of 1 · 2 users').waitFor();
    const me = users.getByRole('row').filter({ hasText: alice.username });
    assert.match(await me.innerText(), /Admin/);
    await screenshot(page, '16-admin');

    await page.getByLabel('Username or email contains').fill('bob_');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByText('Page 1 of 1 · 1 user').waitFor();
    await page.getByRole('button', { name: `Audit log of ${bob.username}` }).click();
    const bobsLog = page.getByRole('table', { name: `Audit log of ${bob.username}` });
    await bobsLog.getByRole('cell', { name: 'Signed up' }).waitFor();

    await page.getByRole('button', { name: `Disable ${bob.username}` }).click();
    const confirm = page.getByRole('alertdialog', { name: `Disable ${bob.username}?` });
    await confirm.getByRole('button', { name: 'Disable' }).click();
    await confirm.waitFor({ state: 'detached' });
    await users.getByText(/Disabled since/).waitFor();
    await bobsLog.getByRole('cell', { name: 'Account disabled' }).waitFor();
    await screenshot(page, '17-admin-user-disabled');

    // Disabled, bob's session is over: his dashboard is sent to the login page at once.
    await bobs.page.getByRole('heading', { name: 'Log in' }).waitFor();
    await bobs.page.getByText('You were signed out: this account was disabled.').waitFor();

    await page.getByRole('button', { name: `Enable ${bob.username}` }).click();
    await page.getByRole('alertdialog', { name: `Enable ${bob.username}?` }).getByRole('button', { name: 'Enable' }).click();
    await users.getByRole('row').filter({ hasText: bob.username }).getByText('Active').waitFor();
  });

  it('an ordinary user sees no Admin link, and the address says it is not allowed', async () => {
    const { page } = bobs;
    await logIn(page, bob);
    await page.goto(`${server.url}/admin`);
    // The page restores the session from the cookie, asks `me { role }`, and refuses.
    await page.getByRole('heading', { name: 'Not allowed' }).waitFor();
    const nav = page.getByRole('navigation', { name: 'Main' });
    assert.equal(await nav.getByRole('link', { name: 'Admin' }).count(), 0);
    await screenshot(page, '18-admin-not-allowed');
    assert.deepEqual(bobs.problems, []);
    await bobs.context.close();
  });

  it('saw no page errors and no Content-Security-Policy violations', () => {
    assert.deepEqual(main.problems, []);
  });
});
