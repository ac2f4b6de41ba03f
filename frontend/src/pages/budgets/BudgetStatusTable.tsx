// A month's budgets: budgeted, spent, remaining and the used percentage per category (the
// API's exact figures; the bar is drawn from its percentage), the totals, and what was
// spent outside every budget.
import type { ReactNode } from 'react';
import { Money } from '../../components/Money';
import type { BudgetStatusFieldsFragment } from '../../gql/graphql';
import { formatPercent, isNegative, toChartNumber } from '../../lib/money';

interface Props {
  status: BudgetStatusFieldsFragment;
  /** Extra cell per line (e.g. a delete button), by budget id. */
  actions?: (budgetId: string, categoryName: string) => ReactNode;
  /** What to show when the month has no budgets. */
  empty?: ReactNode;
}

function Used({ percent, name }: { percent: string | null | undefined; name: string }) {
  const value = Math.min(100, Math.max(0, toChartNumber(percent)));
  return (
    <span className="used">
      <meter min={0} max={100} low={80} high={99.99} optimum={0} value={value} aria-label={`${name}: budget used`} />
      <span className="num">{formatPercent(percent)}</span>
    </span>
  );
}

export function BudgetStatusTable({ status, actions, empty }: Props) {
  if (status.lines.length === 0) {
    return <>{empty ?? <p className="empty">No budgets for this month.</p>}</>;
  }
  const c = status.currency;
  return (
    <div className="table-wrap" tabIndex={0}>
      <table className="budgets">
        <thead>
          <tr>
            <th scope="col">Category</th>
            <th scope="col" className="num">Budgeted</th>
            <th scope="col" className="num">Spent</th>
            <th scope="col" className="num">Remaining</th>
            <th scope="col">Used</th>
            {actions && <th scope="col" className="actions-cell"><span className="sr-only">Actions</span></th>}
          </tr>
        </thead>
        <tbody>
          {status.lines.map((line) => {
            const cat = line.budget.category;
            const name = cat.parent ? `${cat.parent.name} / ${cat.name}` : cat.name;
            return (
              <tr key={line.budget.id} className={isNegative(line.remaining) ? 'over' : undefined}>
                <th scope="row">
                  {name}
                  {!line.countedInTotals && <small className="hint"> (within its parent's budget)</small>}
                </th>
                <td className="num" data-label="Budgeted"><Money amount={line.budgeted} currency={c} signed={false} /></td>
                <td className="num" data-label="Spent"><Money amount={line.spent} currency={c} signed={false} /></td>
                <td className="num" data-label="Remaining"><Money amount={line.remaining} currency={c} /></td>
                <td data-label="Used"><Used percent={line.usedPercent} name={name} /></td>
                {actions && <td className="actions-cell"><div className="row-actions">{actions(line.budget.id, name)}</div></td>}
              </tr>
            );
          })}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">Total</th>
            <td className="num" data-label="Budgeted"><Money amount={status.totalBudgeted} currency={c} signed={false} /></td>
            <td className="num" data-label="Spent"><Money amount={status.totalSpent} currency={c} signed={false} /></td>
            <td className="num" data-label="Remaining"><Money amount={status.totalRemaining} currency={c} /></td>
            <td data-label="Used"><Used percent={status.totalUsedPercent} name="All budgets" /></td>
            {actions && <td />}
          </tr>
          <tr className="unbudgeted">
            <th scope="row">Spent outside budgets</th>
            <td />
            <td className="num" data-label="Spent"><Money amount={status.unbudgetedSpent} currency={c} signed={false} /></td>
            <td colSpan={actions ? 3 : 2} />
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
