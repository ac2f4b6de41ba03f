// Steps the end-to-end tests share: log in, sign up, open a page from the navigation, add a
// transaction through its dialog, read a tile.

/** Log in on the login page; it goes on to the page the user was sent away from. */
export async function logIn(page, user) {
  await page.getByLabel('Email').fill(user.email);
  await page.getByLabel('Password').fill(user.password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.getByRole('button', { name: 'Log out', exact: true }).waitFor();
}

export async function signUp(page, user) {
  await page.getByRole('link', { name: 'Create an account' }).click();
  await page.getByLabel('Username').fill(user.username);
  await page.getByLabel('Email').fill(user.email);
  await page.getByLabel('Password').fill(user.password);
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.getByRole('heading', { name: 'Overview' }).waitFor();
}

export async function go(page, link, heading) {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: link }).click();
  await page.getByRole('heading', { name: heading, level: 1 }).waitFor();
}

export async function addTransaction(page, { direction, amount, description, category }) {
  await page.getByRole('button', { name: 'Add transaction' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add a transaction' });
  await dialog.getByLabel(direction === 'in' ? 'Money in' : 'Money out').check();
  await dialog.getByLabel('Amount').fill(amount);
  await dialog.getByLabel('Description').fill(description);
  await dialog.getByLabel('Category').selectOption({ label: category });
  await dialog.getByRole('button', { name: 'Add transaction' }).click();
  await dialog.waitFor({ state: 'detached' });
  await page.getByRole('cell', { name: description }).first().waitFor();
}

export async function tile(page, testId) {
  return (await page.getByTestId(testId).locator('.tile-value').textContent()).trim();
}
