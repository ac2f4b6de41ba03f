// A ledger change reaches the pages by refetching their active queries that show the
// ledger (rows, totals, balances, net worth, budgets, recurring dates) — correct whatever
// changed, where patching each list in the cache would not be. Bounded: the first change
// opens a short window, at its end one refetch of those queries; never two in flight, and
// changes during one make exactly one more. A page not on screen refetches when it is
// opened again (`cache-and-network`), so inactive queries are left alone.
import type { ApolloClient } from '@apollo/client';

/** Queries whose answers depend on the ledger, by operation name. */
export const LEDGER_QUERIES: ReadonlySet<string> = new Set([
  'TransactionsPage',
  'Overview',
  'BudgetsPage',
  'AccountsPage',
  'NetWorthPage',
  'RecurringPage',
  'Upcoming',
]);

export const WINDOW_MS = 300;

export interface LedgerRefetch {
  /** A change happened: refetch the ledger's queries soon. */
  schedule: () => void;
}

export function createLedgerRefetch(client: ApolloClient<object>, windowMs = WINDOW_MS): LedgerRefetch {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let running = false;
  let again = false;

  const run = () => {
    timer = null;
    if (running) {
      again = true;
      return;
    }
    running = true;
    void client
      .refetchQueries({ include: 'active', onQueryUpdated: (query) => LEDGER_QUERIES.has(query.queryName ?? '') })
      .then(
        () => undefined,
        () => undefined, // a failed refetch shows on its page; the next change tries again
      )
      .finally(() => {
        running = false;
        if (again) {
          again = false;
          schedule();
        }
      });
  };

  const schedule = () => {
    timer ??= setTimeout(run, windowMs);
  };
  return { schedule };
}

const byClient = new WeakMap<ApolloClient<object>, LedgerRefetch>();

/** The one ledger refetch of `client`. */
export function ledgerRefetch(client: ApolloClient<object>): LedgerRefetch {
  let refetch = byClient.get(client);
  if (!refetch) {
    refetch = createLedgerRefetch(client);
    byClient.set(client, refetch);
  }
  return refetch;
}
