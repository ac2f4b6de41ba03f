// Edit and delete for one transaction, as icon buttons named after it.
import { IconButton } from '../../components/IconButton';
import type { TransactionRowFragment } from '../../gql/graphql';

interface Props {
  row: TransactionRowFragment;
  onEdit: (row: TransactionRowFragment) => void;
  onDelete: (row: TransactionRowFragment) => void;
}

export function RowActions({ row, onEdit, onDelete }: Props) {
  return (
    <div className="row-actions">
      {!row.transferId && <IconButton icon="edit" label={`Edit ${row.description}`} onClick={() => onEdit(row)} />}
      <IconButton icon="delete" danger label={`Delete ${row.description}`} onClick={() => onDelete(row)} />
    </div>
  );
}
