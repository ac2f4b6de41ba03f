import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { fakeApi, session } from '../../test/fakeApi';
import { renderApp } from '../../test/renderApp';
import { OverviewPage } from './OverviewPage';

const now = new Date();
const thisMonth = `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}`;
/** The `YYYY-MM` `back` months before this one. */
function monthBack(back: number): string {
  const d = new Date(Date.UTC(now.getFullYear(), now.getMonth() - back, 1));
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
}
const month = (m: string, income: string, expenses: string, net: string, savingsRate: string | null) => ({
  __typename: 'CashflowMonth',
  month: m,
  income,
  expenses,
  net,
  savingsRate,
});
const line = (id: string | null, name: string, amount: string, share: string, top: string | null) => ({
  __typename: 'SpendingLine',
  amount,
  share,
  category: id ? { __typename: 'Category', id, name } : null,
  topLevel: top ? { __typename: 'Category', id: top } : null,
});

const overview = {
  years: [now.getFullYear()],
  cashflow: {
    __typename: 'CashflowPeriod',
    currency: 'USD',
    income: '3000.00',
    expenses: '1250.00',
    netIncome: '1750.00',
    savingsRate: '58.33',
    months: Array.from({ length: 12 }, (_, i) =>
      i === 11 ? month(monthBack(0), '3000.00', '1250.00', '1750.00', '58.33') : month(monthBack(11 - i), '0.00', '0.00', '0.00', null),
    ),
  },
  spendingByCategory: {
    __typename: 'SpendingReport',
    currency: 'USD',
    total: '1250.00',
    parents: [line('c1', 'Housing', '1200.00', '96.00', 'c1'), line(null, 'Uncategorized', '50.00', '4.00', null)],
    categories: [line('c1a', 'Rent', '1000.00', '80.00', 'c1'), line('c1b', 'Utilities', '200.00', '16.00', 'c1'), line(null, '', '50.00', '4.00', null)],
  },
  budgetStatus: {
    __typename: 'BudgetStatus',
    currency: 'USD',
    month: thisMonth,
    totalBudgeted: '100.00',
    totalSpent: '50.00',
    totalRemaining: '50.00',
    totalUsedPercent: '50.00',
    unbudgetedSpent: '1200.00',
    lines: [
      {
        __typename: 'BudgetLine',
        budgeted: '100.00',
        spent: '50.00',
        remaining: '50.00',
        usedPercent: '50.00',
        countedInTotals: true,
        budget: { __typename: 'Budget', id: 'b1', category: { __typename: 'Category', id: 'c2', name: 'Groceries', parent: null } },
      },
    ],
  },
};

describe('OverviewPage', () => {
  it('loads everything in one request and shows the tiles, expense share and budgets', async () => {
    const api = fakeApi({ Overview: () => ({ body: { data: overview } }) });
    renderApp(<OverviewPage />, { fetch: api.fetch, session: session('t') });

    expect(screen.getByRole('status')).toHaveTextContent('Loading');
    const income = await screen.findByTestId('tile-income');
    expect(income).toHaveTextContent('$3,000.00');
    expect(screen.getByTestId('tile-expenses')).toHaveTextContent('$1,250.00');
    expect(screen.getByTestId('tile-net-income')).toHaveTextContent('$1,750.00');
    expect(screen.getByTestId('tile-savings-rate')).toHaveTextContent('58.33%');
    const shares = screen.getByRole('list', { name: 'Expenses by category' });
    expect(within(shares).getByText('Housing')).toBeInTheDocument();
    expect(within(shares).getByText('Uncategorized')).toBeInTheDocument();
    expect(within(shares).getByText('96.00%')).toBeInTheDocument();
    expect(screen.getByRole('rowheader', { name: 'Groceries' })).toBeInTheDocument();
    expect(screen.getByRole('rowheader', { name: 'Spent outside budgets' }).closest('tr')).toHaveTextContent('$1,200.00');
    expect(api.count('Overview')).toBe(1);
    expect(api.seen[0]?.variables).toMatchObject({ from: monthBack(11), to: thisMonth, fromDate: `${monthBack(11)}-01` });
  });

  it('opens a category to its sub-categories and links to its transactions', async () => {
    const api = fakeApi({ Overview: () => ({ body: { data: overview } }) });
    renderApp(<OverviewPage />, { fetch: api.fetch, session: session('t') });
    const user = userEvent.setup();

    const housing = await screen.findByRole('button', { name: 'Housing' });
    expect(housing).toHaveAttribute('aria-expanded', 'false');
    await user.click(housing);
    const subs = screen.getByRole('list', { name: 'Housing by sub-category' });
    expect(within(subs).getByText('Rent')).toBeInTheDocument();
    expect(within(subs).getByText('$200.00')).toBeInTheDocument();
    expect(within(subs).getByRole('link', { name: 'Transactions in Housing' }).getAttribute('href')).toMatch(/^\/transactions\?from=\d{4}-\d{2}-01&to=\d{4}-\d{2}-\d{2}&category=c1$/);
  });

  it('offers calendar years as well as the last twelve months', async () => {
    const api = fakeApi({ Overview: () => ({ body: { data: overview } }) });
    renderApp(<OverviewPage />, { fetch: api.fetch, session: session('t') });
    const user = userEvent.setup();

    await screen.findByTestId('tile-income');
    await user.selectOptions(screen.getByLabelText('Period'), String(now.getFullYear()));
    await screen.findByTestId('tile-income');
    expect(api.seen.filter((r) => r.operationName === 'Overview').at(-1)?.variables).toMatchObject({ from: `${now.getFullYear()}-01`, to: `${now.getFullYear()}-12` });
  });

  it('lists the next 30 days of recurring transactions', async () => {
    const upcoming = [
      { __typename: 'Occurrence', scheduleId: 's1', date: '2099-01-31', postDate: '2099-01-31', amount: '-1250.00', currency: 'USD', description: 'Rent', status: 'PLANNED' },
    ];
    const api = fakeApi({
      Overview: () => ({ body: { data: overview } }),
      Upcoming: () => ({ body: { data: { upcomingOccurrences: upcoming } } }),
    });
    renderApp(<OverviewPage />, { fetch: api.fetch, session: session('t') });

    const table = await screen.findByRole('table', { name: 'Next 30 days' });
    expect(within(table).getByText('Rent')).toBeInTheDocument();
    expect(within(table).getByText('Planned')).toBeInTheDocument();
    const asked = api.seen.find((r) => r.operationName === 'Upcoming')?.variables as { from: string; to: string };
    expect(new Date(asked.to).getTime() - new Date(asked.from).getTime()).toBe(30 * 24 * 3600 * 1000);
  });

  it('says when the data could not be loaded and offers to try again', async () => {
    const api = fakeApi({ Overview: () => ({ status: 500, body: { errors: [{ message: 'Internal error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] } }) });
    renderApp(<OverviewPage />, { fetch: api.fetch, session: session('t') });

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('This could not be loaded.');
    expect(alert).toHaveTextContent('Tally hit an internal error');
    expect(within(alert).getByRole('button', { name: 'Try again' })).toBeInTheDocument();
  });
});
