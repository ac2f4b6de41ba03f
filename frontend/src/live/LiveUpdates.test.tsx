// Live updates in the whole dashboard, with the socket faked: what is subscribed (by
// trusted id, no text), a ledger change updating the rows at once and refetching the page
// once per burst, a catch-up after a reconnection, a budget notice, and a session ended
// elsewhere landing on the login page with the reason.
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { documentId } from '../apollo/trusted';
import { fakeApi, session } from '../test/fakeApi';
import { renderWholeApp } from '../test/renderApp';
import { transactionRow as row } from '../test/transactionRow';
import { BudgetThresholdCrossedDoc, LedgerChangedDoc, SessionEndedDoc } from './operations';
import { WINDOW_MS } from './refetch';

function setup(path = '/transactions') {
  let rows = [row('t1', 'Coffee', '-3.00')];
  const api = fakeApi({
    Viewer: () => ({ body: { data: { me: { __typename: 'User', id: 'u1', role: 'USER', username: 'ada' } } } }),
    TransactionsPage: () => ({
      body: {
        data: {
          transactions: {
            __typename: 'TransactionConnection',
            totalCount: rows.length,
            totals: [],
            pageInfo: { __typename: 'PageInfo', hasNextPage: false, endCursor: null },
            edges: rows.map((node, i) => ({ __typename: 'TransactionEdge', cursor: `c${i}`, runningBalance: null, node })),
          },
          accounts: [],
          categories: [],
          tags: [],
        },
      },
    }),
  });
  const view = renderWholeApp({ fetch: api.fetch, session: session('t'), path });
  return {
    ...view,
    api,
    setRows: (next: typeof rows) => {
      rows = next;
    },
  };
}

const ledgerChange = (kind: string, transactions: unknown[]) => ({
  ledgerChanged: {
    __typename: 'LedgerChange',
    kind,
    transactionIds: transactions.map((t) => (t as { id: string }).id),
    accountIds: ['a1'],
    imported: null,
    skipped: null,
    transactions,
  },
});

describe('live updates', () => {
  it('subscribes to the ledger, budget thresholds and the session by trusted id, without text', async () => {
    const { live } = setup();
    await screen.findByRole('cell', { name: 'Coffee' }, { timeout: 5000 });
    for (const doc of [LedgerChangedDoc, BudgetThresholdCrossedDoc, SessionEndedDoc]) {
      const hash = documentId(doc).replace(/^sha256:/, '');
      const payload = live.payloads.find((p) => (p.extensions as { persistedQuery?: { sha256Hash?: string } }).persistedQuery?.sha256Hash === hash);
      expect(payload).toBeDefined();
      expect(payload?.query).toBe('');
    }
    expect(live.subscribed('LedgerChanged') && live.subscribed('BudgetThresholdCrossed') && live.subscribed('SessionEnded')).toBe(true);
  });

  it('updates a changed row at once and refetches the page once for a burst of changes', async () => {
    const { live, api, setRows } = setup();
    await screen.findByRole('cell', { name: 'Coffee' }, { timeout: 5000 });
    const before = api.count('TransactionsPage');

    setRows([row('t1', 'Espresso', '-3.00'), row('t2', 'Rent', '-900.00')]);
    live.emit('LedgerChanged', ledgerChange('TRANSACTIONS_UPDATED', [row('t1', 'Espresso', '-3.00')]));
    // The event's row is in the cache: the list shows it before any refetch.
    expect(await screen.findByRole('cell', { name: 'Espresso' })).toBeInTheDocument();
    live.emit('LedgerChanged', ledgerChange('TRANSACTIONS_CREATED', [row('t2', 'Rent', '-900.00')]));
    live.emit('LedgerChanged', ledgerChange('TRANSACTIONS_CREATED', []));

    expect(await screen.findByRole('cell', { name: 'Rent' }, { timeout: 5000 })).toBeInTheDocument();
    await new Promise((r) => setTimeout(r, WINDOW_MS * 2));
    expect(api.count('TransactionsPage')).toBe(before + 1);
  });

  it('catches up after the socket reconnects', async () => {
    const { live, api, setRows } = setup();
    await screen.findByRole('cell', { name: 'Coffee' }, { timeout: 5000 });
    setRows([row('t1', 'Coffee', '-3.00'), row('t3', 'Missed while offline', '-1.00')]);
    live.reconnected();
    expect(await screen.findByRole('cell', { name: 'Missed while offline' })).toBeInTheDocument();
    expect(api.count('Viewer')).toBe(1); // only the ledger's queries are refetched
  });

  it('subscribes again after the socket closed for good, and catches up', async () => {
    const { live, api, setRows } = setup();
    await screen.findByRole('cell', { name: 'Coffee' }, { timeout: 5000 });
    const subscribed = live.payloads.length;
    setRows([row('t1', 'Coffee', '-3.00'), row('t4', 'Written while the database was away', '-1.00')]);
    live.failAll();
    expect(live.subscribed('LedgerChanged')).toBe(false);
    await waitFor(() => expect(live.subscribed('LedgerChanged') && live.subscribed('SessionEnded')).toBe(true), { timeout: 3000 });
    expect(live.payloads.length).toBe(subscribed + 3);
    expect(await screen.findByRole('cell', { name: 'Written while the database was away' }, { timeout: 3000 })).toBeInTheDocument();
    expect(api.count('Viewer')).toBe(1);
  });

  it('shows a notice when a budget crosses a threshold, until dismissed', async () => {
    const { live } = setup();
    await screen.findByRole('cell', { name: 'Coffee' }, { timeout: 5000 });
    live.emit('BudgetThresholdCrossed', {
      budgetThresholdCrossed: {
        __typename: 'BudgetThresholdCrossed',
        month: '2026-12',
        thresholdPercent: 80,
        line: {
          __typename: 'BudgetLine',
          budgeted: '100.00',
          spent: '85.00',
          usedPercent: '85.00',
          budget: { __typename: 'Budget', id: 'b1', category: { __typename: 'Category', id: 'c1', name: 'Groceries' } },
        },
      },
    });
    const alerts = screen.getByRole('status', { name: 'Budget alerts' });
    expect(await within(alerts).findByText(/^Groceries has used 80 % of its budget for Dec\w* 2026\.$/)).toBeInTheDocument();
    await userEvent.setup().click(within(alerts).getByRole('button', { name: 'Dismiss' }));
    expect(alerts).toBeEmptyDOMElement();
  });

  it('returns to the login page saying why when the session ended elsewhere', async () => {
    const { live, store } = setup();
    await screen.findByRole('cell', { name: 'Coffee' }, { timeout: 5000 });
    live.emit('SessionEnded', { sessionEnded: { __typename: 'SessionEnded', reason: 'REVOKED' } });
    expect(await screen.findByRole('heading', { name: 'Log in' })).toBeInTheDocument();
    expect(screen.getByRole('status')).toHaveTextContent('You were signed out: this session was revoked elsewhere.');
    expect(store.accessToken()).toBeNull();
    await waitFor(() => expect(live.subscribed('LedgerChanged')).toBe(false));
  });

  it("keeps this page's own message when it ended the session itself a moment before", async () => {
    const { live, store } = setup();
    await screen.findByRole('cell', { name: 'Coffee' }, { timeout: 5000 });
    store.signOut('You have been logged out on every device.');
    live.emit('SessionEnded', { sessionEnded: { __typename: 'SessionEnded', reason: 'LOGGED_OUT_EVERYWHERE' } });
    expect(await screen.findByRole('heading', { name: 'Log in' })).toBeInTheDocument();
    expect(screen.getByRole('status')).toHaveTextContent('You have been logged out on every device.');
  });
});
