// A page of transactions for wide screens: grouped by month when sorted by date, a check box
// per row for batch changes, the category changed in place, the running balance when one
// account is shown, and edit / delete as icon buttons named after the row.
import { Money } from '../../components/Money';
import type { TransactionRowFragment, TransactionsPageQuery } from '../../gql/graphql';
import { formatDate, monthLabel } from '../../lib/dates';
import { InlineCategory } from './InlineCategory';
import { groupByMonth } from './monthGroups';
import { RowActions } from './RowActions';
import type { Selection } from './selection';

export interface Row {
  node: TransactionRowFragment;
  runningBalance: string | null | undefined;
}

interface Props {
  rows: readonly Row[];
  categories: TransactionsPageQuery['categories'];
  grouped: boolean;
  showBalance: boolean;
  selection: Selection;
  onEdit: (row: TransactionRowFragment) => void;
  onDelete: (row: TransactionRowFragment) => void;
}

export function TransactionTable({ rows, categories, grouped, showBalance, selection, onEdit, onDelete }: Props) {
  const groups = grouped ? groupByMonth(rows.map((r) => ({ ...r, date: r.node.date }))) : [{ month: '', rows: rows.map((r) => ({ ...r, date: r.node.date })) }];
  const ids = rows.map((r) => r.node.id);
  const columns = showBalance ? 8 : 7;
  return (
    <div className="table-wrap wide-only" tabIndex={0}>
      <table className="transactions">
        <thead>
          <tr>
            <th scope="col" className="select-cell">
              <input type="checkbox" aria-label="Select every transaction on this page" checked={ids.length > 0 && ids.every(selection.has)} onChange={() => selection.toggleAll(ids)} />
            </th>
            <th scope="col">Date</th>
            <th scope="col">Description</th>
            <th scope="col">Category</th>
            <th scope="col">Account</th>
            <th scope="col" className="num">Amount</th>
            {showBalance && <th scope="col" className="num">Balance</th>}
            <th scope="col" className="actions-cell"><span className="sr-only">Actions</span></th>
          </tr>
        </thead>
        {groups.map((group) => (
          <tbody key={group.month || 'all'}>
            {group.month && (
              <tr className="month-row">
                <th scope="colgroup" colSpan={columns}>{monthLabel(group.month, true)}</th>
              </tr>
            )}
            {group.rows.map(({ node: t, runningBalance }) => (
              <tr key={t.id} className={selection.has(t.id) ? 'selected' : undefined}>
                <td className="select-cell">
                  <input type="checkbox" aria-label={`Select ${t.description}`} checked={selection.has(t.id)} onChange={() => selection.toggle(t.id)} />
                </td>
                <td className="nowrap">{formatDate(t.date)}</td>
                <td>
                  {t.description}
                  {t.transferId && <span className="badge">Transfer</span>}
                  {t.tags.map((tag) => (
                    <span key={tag} className="tag">{tag}</span>
                  ))}
                </td>
                <td><InlineCategory row={t} categories={categories} /></td>
                <td>{t.account.name}</td>
                <td className="num"><Money amount={t.amount} currency={t.currency} /></td>
                {showBalance && <td className="num">{runningBalance != null ? <Money amount={runningBalance} currency={t.currency} signed={false} /> : '—'}</td>}
                <td className="actions-cell"><RowActions row={t} onEdit={onEdit} onDelete={onDelete} /></td>
              </tr>
            ))}
          </tbody>
        ))}
      </table>
    </div>
  );
}
