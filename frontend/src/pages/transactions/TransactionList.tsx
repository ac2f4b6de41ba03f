// A page of transactions for a phone: a compact list whose amount is always in view, the
// date, category and account on a second line, grouped by month when sorted by date.
import { Money } from '../../components/Money';
import type { TransactionRowFragment } from '../../gql/graphql';
import { formatDate, monthLabel } from '../../lib/dates';
import { groupByMonth } from './monthGroups';
import { RowActions } from './RowActions';
import type { Selection } from './selection';
import type { Row } from './TransactionTable';

interface Props {
  rows: readonly Row[];
  grouped: boolean;
  showBalance: boolean;
  selection: Selection;
  onEdit: (row: TransactionRowFragment) => void;
  onDelete: (row: TransactionRowFragment) => void;
}

export function TransactionList({ rows, grouped, showBalance, selection, onEdit, onDelete }: Props) {
  const dated = rows.map((r) => ({ ...r, date: r.node.date }));
  const groups = grouped ? groupByMonth(dated) : [{ month: '', rows: dated }];
  return (
    <div className="narrow-only">
      {groups.map((group) => (
        <section key={group.month || 'all'} aria-label={group.month ? monthLabel(group.month, true) : 'Transactions'}>
          {group.month && <h2 className="month-heading">{monthLabel(group.month, true)}</h2>}
          <ul className="transaction-list">
            {group.rows.map(({ node: t, runningBalance }) => (
              <li key={t.id} className={selection.has(t.id) ? 'selected' : undefined}>
                <input type="checkbox" aria-label={`Select ${t.description}`} checked={selection.has(t.id)} onChange={() => selection.toggle(t.id)} />
                <div className="item-main">
                  <span className="item-title">{t.description}</span>
                  <span className="item-meta">
                    {formatDate(t.date)} · {t.transferId ? 'Transfer' : (t.category?.name ?? 'Uncategorized')} · {t.account.name}
                  </span>
                </div>
                <div className="item-amount">
                  <Money amount={t.amount} currency={t.currency} />
                  {showBalance && runningBalance != null && (
                    <span className="item-meta">
                      <span className="sr-only">Balance </span>
                      <Money amount={runningBalance} currency={t.currency} signed={false} />
                    </span>
                  )}
                </div>
                <RowActions row={t} onEdit={onEdit} onDelete={onDelete} />
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}
