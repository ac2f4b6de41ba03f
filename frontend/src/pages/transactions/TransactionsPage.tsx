// Transactions: one filter bar (in the URL), the server's totals of what matches, a page of
// rows (a table on wide screens, a compact list on a phone; by month when sorted by date;
// running balance when one account is shown), batch changes to a selection, add / edit /
// delete, transfers, CSV import and export.
import { useMemo, useState } from 'react';
import { EmptyState } from '../../components/EmptyState';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Loading } from '../../components/Loading';
import type { TransactionRowFragment } from '../../gql/graphql';
import { BatchBar } from './BatchBar';
import { DeleteTransactionDialog } from './DeleteTransactionDialog';
import { ExportButton } from './ExportButton';
import { EMPTY_FILTER, isFiltered, toFilter, toOrder } from './filters';
import { TransactionDialogs, type Dialog } from './TransactionDialogs';
import { TransactionFilters } from './TransactionFilters';
import { TransactionList } from './TransactionList';
import { TransactionTable } from './TransactionTable';
import { Totals } from './Totals';
import { useFilterParams } from './useFilterParams';
import { useSelection } from './selection';
import { PAGE_SIZE, useTransactionsPage } from './useTransactionsPage';

export function TransactionsPage() {
  const [values, setValues] = useFilterParams();
  const filter = useMemo(() => toFilter(values), [values]);
  const orderBy = useMemo(() => toOrder(values.sort), [values.sort]);
  const page = useTransactionsPage(filter, orderBy);
  const selection = useSelection();
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [deleting, setDeleting] = useState<TransactionRowFragment | null>(null);
  const data = page.data;
  const connection = data?.transactions;
  const pages = connection ? Math.max(1, Math.ceil(connection.totalCount / PAGE_SIZE)) : 1;
  const byDate = values.sort.startsWith('date');
  const rows = connection?.edges.map((e) => ({ node: e.node, runningBalance: e.runningBalance })) ?? [];
  const showBalance = byDate && !!values.accountId && rows.some((r) => r.runningBalance != null);
  const selected = rows.map((r) => r.node.id).filter(selection.has);
  const rowProps = { rows, grouped: byDate, showBalance, selection, onEdit: (row: TransactionRowFragment) => setDialog({ kind: 'edit', row }), onDelete: setDeleting };

  return (
    <>
      <div className="page-head">
        <h1>Transactions</h1>
        <div className="actions">
          <button type="button" className="primary" disabled={!data} onClick={() => setDialog({ kind: 'add' })}>
            Add transaction
          </button>
          <button type="button" disabled={!data} onClick={() => setDialog({ kind: 'transfer' })}>
            Transfer
          </button>
          <button type="button" disabled={!data} onClick={() => setDialog({ kind: 'import' })}>
            Import CSV
          </button>
          <ExportButton filter={filter} />
        </div>
      </div>
      <TransactionFilters
        values={values}
        data={data}
        onChange={(next) => {
          selection.clear();
          setValues(next);
        }}
      />
      {page.error && <ErrorNotice error={page.error} onRetry={() => void page.refetch()} />}
      {!data && page.loading && <Loading />}
      {connection && (
        <section aria-label="Transactions" aria-busy={page.loading}>
          <Totals totals={connection.totals} />
          {selected.length > 0 && data && <BatchBar ids={selected} categories={data.categories} onDone={selection.clear} />}
          {rows.length === 0 ? (
            isFiltered(values) ? (
              <EmptyState title="No transactions match these filters." actions={<button type="button" onClick={() => setValues({ ...EMPTY_FILTER, sort: values.sort })}>Clear filters</button>} />
            ) : (
              <EmptyState
                title="No transactions yet."
                actions={
                  <>
                    <button type="button" className="primary" onClick={() => setDialog({ kind: 'add' })}>Add your first transaction</button>
                    <button type="button" onClick={() => setDialog({ kind: 'import' })}>Import a CSV</button>
                  </>
                }
              >
                Record what comes in and goes out, or bring in your bank's export.
              </EmptyState>
            )
          ) : (
            data && (
              <>
                <TransactionTable {...rowProps} categories={data.categories} />
                <TransactionList {...rowProps} />
              </>
            )
          )}
          <nav className="pager" aria-label="Pages">
            <button type="button" onClick={page.previous} disabled={!page.hasPrevious || page.loading}>
              Previous
            </button>
            <span aria-live="polite">
              Page {page.page} of {pages} · {connection.totalCount} transaction{connection.totalCount === 1 ? '' : 's'}
            </span>
            <button type="button" onClick={page.next} disabled={!page.hasNext || page.loading}>
              Next
            </button>
          </nav>
        </section>
      )}
      {data && dialog && <TransactionDialogs dialog={dialog} data={data} onClose={() => setDialog(null)} />}
      {deleting && <DeleteTransactionDialog row={deleting} onClose={() => setDeleting(null)} />}
    </>
  );
}
