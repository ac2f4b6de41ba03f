// Transactions: filters and sort, a keyset-paginated table, add / edit / delete (with
// confirmation), transfers, CSV import and export — the page's data in one query.
import { useMutation } from '@apollo/client';
import { useMemo, useState } from 'react';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Loading } from '../../components/Loading';
import { Modal } from '../../components/Modal';
import { Money } from '../../components/Money';
import type { TransactionRowFragment } from '../../gql/graphql';
import { EMPTY_FILTER, toFilter, toOrder, type FilterValues } from './filters';
import { DeleteTransactionDoc } from './operations';
import { ExportButton } from './ExportButton';
import { ImportPanel } from './ImportPanel';
import { TransactionFilters } from './TransactionFilters';
import { TransactionForm } from './TransactionForm';
import { TransactionTable } from './TransactionTable';
import { TransferForm } from './TransferForm';
import { PAGE_SIZE, useTransactionsPage } from './useTransactionsPage';

type Dialog =
  | { kind: 'add' }
  | { kind: 'edit'; row: TransactionRowFragment }
  | { kind: 'delete'; row: TransactionRowFragment }
  | { kind: 'transfer' }
  | { kind: 'import' };

export function TransactionsPage() {
  const [values, setValues] = useState<FilterValues>(EMPTY_FILTER);
  const filter = useMemo(() => toFilter(values), [values]);
  const orderBy = useMemo(() => toOrder(values.sort), [values.sort]);
  const page = useTransactionsPage(filter, orderBy);
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [remove, removal] = useMutation(DeleteTransactionDoc, { refetchQueries: 'active', awaitRefetchQueries: true });
  const data = page.data;
  const close = () => setDialog(null);
  const connection = data?.transactions;
  const pages = connection ? Math.max(1, Math.ceil(connection.totalCount / PAGE_SIZE)) : 1;

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
        onApply={(v) => {
          setValues(v);
          page.restart();
        }}
      />
      {page.error && <ErrorNotice error={page.error} onRetry={() => void page.refetch()} />}
      {!data && page.loading && <Loading />}
      {connection && (
        <section aria-label="Transactions" aria-busy={page.loading}>
          <TransactionTable
            rows={connection.edges.map((e) => e.node)}
            onEdit={(row) => setDialog({ kind: 'edit', row })}
            onDelete={(row) => setDialog({ kind: 'delete', row })}
          />
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
      {data && dialog?.kind === 'add' && (
        <Modal title="Add a transaction" onClose={close}>
          <TransactionForm data={data} onDone={close} />
        </Modal>
      )}
      {data && dialog?.kind === 'edit' && (
        <Modal title="Edit the transaction" onClose={close}>
          <TransactionForm data={data} editing={dialog.row} onDone={close} />
        </Modal>
      )}
      {data && dialog?.kind === 'transfer' && (
        <Modal title="Transfer between accounts" onClose={close}>
          <TransferForm data={data} onDone={close} />
        </Modal>
      )}
      {data && dialog?.kind === 'import' && (
        <Modal title="Import transactions from CSV" onClose={close}>
          <ImportPanel data={data} onClose={close} />
        </Modal>
      )}
      {dialog?.kind === 'delete' && (
        <ConfirmDialog
          title="Delete this transaction?"
          confirmLabel="Delete"
          busy={removal.loading}
          onCancel={close}
          onConfirm={() =>
            void remove({ variables: { id: dialog.row.id } })
              .then(close)
              .catch(() => undefined)
          }
        >
          <p>
            {dialog.row.date} · {dialog.row.description} · <Money amount={dialog.row.amount} currency={dialog.row.currency} />
          </p>
          {dialog.row.transferId && <p>This is one side of a transfer: both sides will be deleted.</p>}
          {removal.error && <ErrorNotice error={removal.error} title="It could not be deleted." />}
        </ConfirmDialog>
      )}
    </>
  );
}
