import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { TransactionsPageQuery } from '../../gql/graphql';
import { fakeApi, session } from '../../test/fakeApi';
import { renderApp } from '../../test/renderApp';
import { ImportPanel } from './ImportPanel';

const data: TransactionsPageQuery = {
  transactions: { __typename: 'TransactionConnection', totalCount: 0, totals: [], pageInfo: { __typename: 'PageInfo', hasNextPage: false, endCursor: null }, edges: [] },
  accounts: [{ __typename: 'Account', id: 'a1', name: 'Checking', currency: 'USD', kind: 'CHECKING', archived: false, isDefault: true }],
  categories: [],
  tags: [],
};

describe('ImportPanel', () => {
  it('lists each bad row with its spreadsheet row number and says nothing was imported', async () => {
    const api = fakeApi({
      ImportTransactions: () => ({
        body: {
          data: {
            importTransactions: {
              imported: 0,
              duplicates: 0,
              errorCount: 1,
              errors: [{ row: 3, column: 'amount', message: 'not a decimal amount: "abc"' }],
            },
          },
        },
      }),
      TransactionsPage: () => ({ body: { data } }),
    });
    renderApp(<ImportPanel data={data} onClose={() => undefined} />, { fetch: api.fetch, session: session('t') });
    const user = userEvent.setup();

    await user.type(screen.getByLabelText('CSV text'), 'date,description,amount\n2026-01-02,Coffee,-3.50\n2026-01-03,Bad,abc');
    await user.click(screen.getByRole('button', { name: 'Import' }));

    const result = await screen.findByRole('status', { name: 'Import result' });
    expect(result).toHaveTextContent('Imported 0 transactions');
    expect(result).toHaveTextContent('1 row has errors; nothing was imported');
    const row = within(screen.getByRole('table', { name: 'Rows with errors' })).getAllByRole('row')[1];
    expect(row).toHaveTextContent('3');
    expect(row).toHaveTextContent('amount');
    expect(row).toHaveTextContent('not a decimal amount');
    const sent = api.seen.find((r) => r.operationName === 'ImportTransactions')?.variables as { input: Record<string, unknown> };
    expect(sent.input).toMatchObject({ accountId: 'a1', allOrNothing: true, mapping: { date: 'date', description: 'description', amount: 'amount' } });
  });
});
