// "Delete this transaction?" — what it is, and that a transfer goes as a whole.
import { useMutation } from '@apollo/client';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Money } from '../../components/Money';
import type { TransactionRowFragment } from '../../gql/graphql';
import { DeleteTransactionDoc } from './operations';

export function DeleteTransactionDialog({ row, onClose }: { row: TransactionRowFragment; onClose: () => void }) {
  const [remove, removal] = useMutation(DeleteTransactionDoc, { refetchQueries: 'active', awaitRefetchQueries: true });
  return (
    <ConfirmDialog
      title="Delete this transaction?"
      confirmLabel="Delete"
      busy={removal.loading}
      onCancel={onClose}
      onConfirm={() =>
        void remove({ variables: { id: row.id } })
          .then(onClose)
          .catch(() => undefined)
      }
    >
      <p>
        {row.date} · {row.description} · <Money amount={row.amount} currency={row.currency} />
      </p>
      {row.transferId && <p>This is one side of a transfer: both sides will be deleted.</p>}
      {removal.error && <ErrorNotice error={removal.error} title="It could not be deleted." />}
    </ConfirmDialog>
  );
}
