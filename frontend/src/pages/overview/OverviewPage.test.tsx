import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { fakeApi, session } from '../../test/fakeApi';
import { renderApp } from '../../test/renderApp';
import { OverviewPage } from './OverviewPage';

const year = new Date().getFullYear();
const month = (m: number, income: string, expenses: string, net: string, savingsRate: string | null) => ({
  __typename: 'CashflowMonth',
  month: `${year}-${String(m).padStart(2, '0')}`,
  income,
  expenses,
  net,
  savingsRate,
});

const overview = {
  years: [year],
  financialOverview: {
    __typename: 'FinancialOverview',
    currency: 'USD',
    year,
    income: '3000.00',
    expenses: '1250.00',
    netIncome: '1750.00',
    savingsRate: '58.33',
  },
  monthlyCashflow: [month(1, '3000.00', '1250.00', '1750.00', '58.33'), ...Array.from({ length: 11 }, (_, i) => month(i + 2, '0.00', '0.00', '0.00', null))],
  spendingByCategory: {
    __typename: 'SpendingReport',
    currency: 'USD',
    total: '1250.00',
    parents: [
      { __typename: 'SpendingLine', amount: '1200.00', share: '96.00', category: { __typename: 'Category', id: 'c1', name: 'Housing' } },
      { __typename: 'SpendingLine', amount: '50.00', share: '4.00', category: null },
    ],
  },
  budgetStatus: {
    __typename: 'BudgetStatus',
    currency: 'USD',
    month: `${year}-01`,
    totalBudgeted: '100.00',
    totalSpent: '50.00',
    totalRemaining: '50.00',
    lines: [
      {
        __typename: 'BudgetLine',
        budgeted: '100.00',
        spent: '50.00',
        remaining: '50.00',
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
    expect(api.count('Overview')).toBe(1);
    expect(api.seen[0]?.variables).toMatchObject({ year, from: `${year}-01-01`, to: `${year}-12-31` });
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
