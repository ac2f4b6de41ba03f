// Every page of the dashboard, at 1280 px in the light theme and at 375 px (a phone) in the
// dark one: no serious or critical axe-core violations, no sideways page scroll, no chart
// label running into another, a
// screenshot of each in test-artifacts/; the keyboard alone reaches and works the
// navigation; GraphiQL loads from Tally itself with nothing fetched from another site.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { launch, openPage, screenshot } from './browser.mjs';
import { api, overlappingAxisLabels, seriousViolations, sidewaysOverflow } from './checks.mjs';
import { startTally } from './tally.mjs';

const suffix = Date.now().toString(36);
const user = { username: `pages_${suffix}`, email: `pages_${suffix}@example.com`, password: 'amber falcon quarry 5521' };

const PAGES = [
  ['overview', '/', 'Overview'],
  ['transactions', '/transactions', 'Transactions'],
  ['net-worth', '/net-worth', 'Net worth'],
  ['accounts', '/accounts', 'Accounts'],
  ['categories', '/categories', 'Categories'],
  ['budgets', '/budgets', 'Budgets'],
  ['recurring', '/recurring', 'Recurring'],
  ['rules', '/rules', 'Rules'],
  ['settings', '/settings', 'Settings'],
  ['admin', '/admin', 'Admin'],
];

let server;
let browser;

/** Months of salary, rent, groceries and a card debt, a budget and a rule: every page has data. */
async function seed(url) {
  const signup = await api(url, null, 'mutation($i: SignupInput!) { signup(input: $i) { accessToken } }', { i: { ...user, refreshTokenInBody: true } });
  const token = signup.signup.accessToken;
  const { categories } = await api(url, token, '{ categories { id name children { id name } } }');
  const find = (name) => categories.flatMap((c) => [c, ...c.children]).find((c) => c.name === name).id;
  const card = await api(url, token, 'mutation($i: CreateAccountInput!) { createAccount(input: $i) { id } }', {
    i: { name: 'Credit card', kind: 'CREDIT_CARD', currency: 'USD', openingBalance: '-170.00' },
  });
  const now = new Date();
  for (let back = 0; back < 6; back += 1) {
    const d = new Date(Date.UTC(now.getFullYear(), now.getMonth() - back, 2));
    const date = d.toISOString().slice(0, 10);
    for (const [amount, description, category] of [
      ['3200.00', 'Salary', 'Salary'],
      ['-1250.00', 'Rent', 'Rent'],
      ['-86.40', 'Groceries at the market', 'Groceries'],
    ]) {
      await api(url, token, 'mutation($i: CreateTransactionInput!) { createTransaction(input: $i) { id } }', {
        i: { date, amount, description, categoryId: find(category), tags: back === 0 ? ['weekly'] : [] },
      });
    }
  }
  await api(url, token, 'mutation($i: CreateTransactionInput!) { createTransaction(input: $i) { id } }', {
    i: { accountId: card.createAccount.id, date: now.toISOString().slice(0, 10), amount: '-42.00', description: 'Books' },
  });
  const month = now.toISOString().slice(0, 7);
  await api(url, token, 'mutation($i: SetBudgetInput!) { setBudget(input: $i) { id } }', { i: { categoryId: find('Groceries'), month, amount: '300.00' } });
  const { accounts } = await api(url, token, '{ accounts { id isDefault } }');
  const account = accounts.find((a) => a.isDefault).id;
  await api(url, token, 'mutation($i: RecurringScheduleInput!) { createRecurringSchedule(input: $i) { id } }', {
    i: { accountId: account, amount: '-1250.00', description: 'Rent', recurrence: { frequency: 'MONTHLY', lastDayOfMonth: true, start: now.toISOString().slice(0, 10) } },
  });
  await api(url, token, 'mutation($i: RuleInput!) { createRule(input: $i) { id } }', {
    i: { name: 'Market', conditions: [{ op: 'CONTAINS', value: 'market' }], categoryId: find('Groceries'), addTags: ['food'] },
  });
}

async function logIn(page) {
  await page.goto(`${server.url}/login`);
  await page.getByLabel('Email').fill(user.email);
  await page.getByLabel('Password').fill(user.password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.getByRole('heading', { name: 'Overview', level: 1 }).waitFor();
}

/** Open `path` in the app (a client-side navigation, keeping the session) and wait for it. */
async function visit(page, path, heading) {
  await page.evaluate((to) => {
    window.history.pushState({}, '', to);
    window.dispatchEvent(new PopStateEvent('popstate'));
  }, path);
  await page.getByRole('heading', { name: heading, level: 1 }).waitFor();
  await page.waitForLoadState('networkidle');
}

describe('every page, wide and on a phone, light and dark', { concurrency: false }, () => {
  before(async () => {
    server = await startTally();
    await seed(server.url);
    server.cli(['admin', 'promote', user.email]);
    browser = await launch();
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  for (const [width, height, scheme] of [
    [1280, 900, 'light'],
    [375, 812, 'dark'],
  ]) {
    it(`at ${width} px (${scheme}): no axe violations, no sideways scroll, a screenshot of each page`, async () => {
      const { context, page, problems } = await openPage(browser, { viewport: { width, height }, colorScheme: scheme });
      await logIn(page);
      const report = [];
      for (const [name, path, heading] of PAGES) {
        await visit(page, path, heading);
        const overflow = await sidewaysOverflow(page);
        if (overflow > 0) report.push(`${name}: ${overflow}px wider than the screen`);
        for (const violation of await seriousViolations(page)) report.push(`${name}: ${violation}`);
        const labels = await overlappingAxisLabels(page);
        for (const overlap of labels.found) report.push(`${name}: ${overlap}`);
        if (['overview', 'net-worth'].includes(name) && labels.checked < 6) report.push(`${name}: only ${labels.checked} month labels`);
        await screenshot(page, `page-${name}-${width}`);
      }
      assert.deepEqual(report, []);
      assert.deepEqual(problems, []);
      await context.close();
    });
  }

  it('works with the keyboard alone: skip link, the phone menu, a dialog', async () => {
    const { context, page, problems } = await openPage(browser, { viewport: { width: 375, height: 812 } });
    await logIn(page);
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Skip to content');
    await page.keyboard.press('Tab');
    const menu = page.getByRole('button', { name: 'Menu' });
    assert.equal(await menu.evaluate((el) => el === document.activeElement), true, 'the menu button is next');
    assert.equal(await menu.getAttribute('aria-expanded'), 'false');
    await page.keyboard.press('Enter');
    assert.equal(await menu.getAttribute('aria-expanded'), 'true');
    const nav = page.getByRole('navigation', { name: 'Main' });
    await nav.getByRole('link', { name: 'Transactions' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Transactions', level: 1 }).waitFor();
    await page.getByText(/^Page 1 of/).waitFor(); // the page's data is in: its buttons work
    assert.equal(await menu.getAttribute('aria-expanded'), 'false', 'following a link closes the menu');
    await page.getByRole('button', { name: 'Add transaction' }).focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Add a transaction' });
    await dialog.waitFor();
    assert.equal(await dialog.evaluate((el) => el.contains(document.activeElement)), true, 'focus moved into the dialog');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    assert.equal(await page.getByRole('button', { name: 'Add transaction' }).evaluate((el) => el === document.activeElement), true, 'focus came back');
    assert.deepEqual(problems, []);
    await context.close();
  });

  it('serves GraphiQL from Tally itself: nothing from another site, no CSP violation', async () => {
    const { context, page, problems } = await openPage(browser);
    const elsewhere = [];
    page.on('request', (request) => {
      if (!request.url().startsWith(server.url) && !request.url().startsWith('data:') && !request.url().startsWith('blob:')) elsewhere.push(request.url());
    });
    const introspection = page.waitForRequest((r) => r.url().endsWith('/graphql') && r.method() === 'POST' && (r.postData() ?? '').includes('__schema'));
    const response = await page.goto(`${server.url}/graphql`);
    assert.match(response.headers()['content-security-policy'], /script-src 'self';/);
    await page.locator('.graphiql-container').waitFor();
    await introspection;
    await page.waitForLoadState('networkidle');
    await screenshot(page, 'graphiql');
    assert.deepEqual(elsewhere, []);
    assert.deepEqual(problems, []);
    await context.close();
  });
});
