// The Transactions page's dialogs: add or edit a transaction, a transfer, a CSV import.
import { Modal } from '../../components/Modal';
import type { TransactionRowFragment, TransactionsPageQuery } from '../../gql/graphql';
import { ImportPanel } from './ImportPanel';
import { TransactionForm } from './TransactionForm';
import { TransferForm } from './TransferForm';

export type Dialog =
  | { kind: 'add' }
  | { kind: 'edit'; row: TransactionRowFragment }
  | { kind: 'transfer' }
  | { kind: 'import' };

interface Props {
  dialog: Dialog;
  data: TransactionsPageQuery;
  onClose: () => void;
}

export function TransactionDialogs({ dialog, data, onClose }: Props) {
  switch (dialog.kind) {
    case 'add':
      return (
        <Modal title="Add a transaction" onClose={onClose}>
          <TransactionForm data={data} onDone={onClose} />
        </Modal>
      );
    case 'edit':
      return (
        <Modal title="Edit the transaction" onClose={onClose}>
          <TransactionForm data={data} editing={dialog.row} onDone={onClose} />
        </Modal>
      );
    case 'transfer':
      return (
        <Modal title="Transfer between accounts" onClose={onClose}>
          <TransferForm data={data} onDone={onClose} />
        </Modal>
      );
    case 'import':
      return (
        <Modal title="Import transactions from CSV" onClose={onClose}>
          <ImportPanel data={data} onClose={onClose} />
        </Modal>
      );
  }
}
