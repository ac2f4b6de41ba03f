import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { fakeApi, session, type SeenRequest } from '../../test/fakeApi';
import { renderApp } from '../../test/renderApp';
import { transactionRow as row } from '../../test/transactionRow';
import { TransactionsPage } from './TransactionsPage';

function page(r: SeenRequest) {
  const filter = (r.variables.filter ?? {}) as { search?: string; accountIds?: string[] };
  const rows = [row('t1', 'Coffee', '-3.00'), row('t2', 'Tea', '-2.00'), row('t3', 'Salary', '3000.00')].filter(
    (t) => !filter.search || t.description.toLowerCase().includes(filter.search),
  );
  return {
    body: {
      data: {
        transactions: {
          __typename: 'TransactionConnection',
          totalCount: rows.length,
          totals: [{ __typename: 'CurrencyTotal', currency: 'USD', count: rows.length, moneyIn: '3000.00', moneyOut: '-5.00', net: '2995.00' }],
          pageInfo: { __typename: 'PageInfo', hasNextPage: false, endCursor: null },
          edges: rows.map((node, i) => ({ __typename: 'TransactionEdge', cursor: `c${i}`, runningBalance: filter.accountIds ? '100.00' : null, node })),
        },
        accounts: [{ __typename: 'Account', id: 'a1', name: 'Checking', currency: 'USD', kind: 'CHECKING', archived: false, isDefault: true }],
        categories: [
          { __typename: 'Category', id: 'c1', name: 'Food', kind: 'EXPENSE', children: [{ __typename: 'Category', id: 'c2', name: 'Cafe', kind: 'EXPENSE' }] },
        ],
        tags: [],
      },
    },
  };
}

describe('TransactionsPage', () => {
  it("shows the server's totals and applies the text filter once typing stops, not per key", async () => {
    const api = fakeApi({ TransactionsPage: page });
    renderApp(<TransactionsPage />, { fetch: api.fetch, session: session('t'), path: '/transactions' });
    const user = userEvent.setup();

    const totals = await screen.findByRole('term');
    expect(totals).toHaveTextContent('USD · 3 transactions');
    expect(screen.getByRole('definition')).toHaveTextContent('Net $2,995.00');
    await user.type(screen.getByLabelText('Description contains'), 'tea');
    const searched = () => api.seen.map((r) => (r.variables.filter as { search?: string } | undefined)?.search).filter(Boolean);
    await waitFor(() => expect(searched()).toContain('tea'), { timeout: 5000 });
    // Only the whole word was ever sent, never "t" or "te".
    expect(new Set(searched())).toEqual(new Set(['tea']));
  });

  it('sends one request for a batch: the selected rows get the category', async () => {
    const api = fakeApi({
      TransactionsPage: page,
      UpdateTransactions: () => ({ body: { data: { updateTransactions: [] } } }),
    });
    renderApp(<TransactionsPage />, { fetch: api.fetch, session: session('t'), path: '/transactions' });
    const user = userEvent.setup();

    const table = await screen.findByRole('table');
    await user.click(within(table).getByRole('checkbox', { name: 'Select Coffee' }));
    await user.click(within(table).getByRole('checkbox', { name: 'Select Tea' }));
    const bar = screen.getByRole('region', { name: 'Change the selected transactions' });
    expect(bar).toHaveTextContent('2 transactions selected');
    await user.selectOptions(within(bar).getByLabelText('Category'), 'c2');
    await user.click(within(bar).getByRole('button', { name: 'Set category' }));

    await waitFor(() => expect(screen.queryByRole('region', { name: 'Change the selected transactions' })).not.toBeInTheDocument());
    expect(api.count('UpdateTransactions')).toBe(1);
    expect(api.seen.find((r) => r.operationName === 'UpdateTransactions')?.variables).toEqual({ input: { ids: ['t1', 't2'], categoryId: 'c2' } });
  });
});
