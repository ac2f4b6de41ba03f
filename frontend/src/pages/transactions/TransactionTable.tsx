// One page of transactions, with edit and delete per row.
import { Money } from '../../components/Money';
import type { TransactionRowFragment } from '../../gql/graphql';
import { formatDate } from '../../lib/dates';

interface Props {
  rows: TransactionRowFragment[];
  onEdit: (row: TransactionRowFragment) => void;
  onDelete: (row: TransactionRowFragment) => void;
}

export function TransactionTable({ rows, onEdit, onDelete }: Props) {
  if (rows.length === 0) return <p className="empty">No transactions match.</p>;
  return (
    <div className="table-wrap">
      <table className="transactions">
        <thead>
          <tr>
            <th scope="col">Date</th>
            <th scope="col">Description</th>
            <th scope="col">Category</th>
            <th scope="col">Account</th>
            <th scope="col" className="num">Amount</th>
            <th scope="col"><span className="sr-only">Actions</span></th>
          </tr>
        </thead>
        <tbody>
          {rows.map((t) => (
            <tr key={t.id}>
              <td className="nowrap">{formatDate(t.date)}</td>
              <td>
                {t.description}
                {t.transferId && <span className="badge">Transfer</span>}
                {t.tags.map((tag) => (
                  <span key={tag} className="tag">{tag}</span>
                ))}
              </td>
              <td>{t.category?.name ?? <span className="muted">—</span>}</td>
              <td>{t.account.name}</td>
              <td className="num"><Money amount={t.amount} currency={t.currency} /></td>
              <td className="row-actions">
                {!t.transferId && (
                  <button type="button" className="link" onClick={() => onEdit(t)} aria-label={`Edit ${t.description}`}>
                    Edit
                  </button>
                )}
                <button type="button" className="link danger" onClick={() => onDelete(t)} aria-label={`Delete ${t.description}`}>
                  Delete
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
