// A month's budgets: budgeted, spent, remaining per category, with a bar of how much is
// used (drawn from the figures; the figures themselves are the API's exact strings).
import type { ReactNode } from 'react';
import { Money } from '../../components/Money';
import type { BudgetStatusFieldsFragment } from '../../gql/graphql';
import { isNegative, toChartNumber } from '../../lib/money';

interface Props {
  status: BudgetStatusFieldsFragment;
  /** Extra cell per line (e.g. a delete button), by budget id. */
  actions?: (budgetId: string, categoryName: string) => ReactNode;
}

function used(spent: string, budgeted: string): number {
  const b = toChartNumber(budgeted);
  if (b <= 0) return isNegative(spent) ? 0 : 100;
  return Math.min(100, Math.max(0, (toChartNumber(spent) / b) * 100));
}

export function BudgetStatusTable({ status, actions }: Props) {
  if (status.lines.length === 0) {
    return <p className="empty">No budgets for this month.</p>;
  }
  const c = status.currency;
  return (
    <div className="table-wrap">
      <table>
        <thead>
          <tr>
            <th scope="col">Category</th>
            <th scope="col" className="num">Budgeted</th>
            <th scope="col" className="num">Spent</th>
            <th scope="col" className="num">Remaining</th>
            <th scope="col">Used</th>
            {actions && <th scope="col"><span className="sr-only">Actions</span></th>}
          </tr>
        </thead>
        <tbody>
          {status.lines.map((line) => {
            const cat = line.budget.category;
            const name = cat.parent ? `${cat.parent.name} / ${cat.name}` : cat.name;
            const pct = used(line.spent, line.budgeted);
            return (
              <tr key={line.budget.id} className={isNegative(line.remaining) ? 'over' : undefined}>
                <th scope="row">
                  {name}
                  {!line.countedInTotals && <small className="hint"> (within its parent's budget)</small>}
                </th>
                <td className="num"><Money amount={line.budgeted} currency={c} signed={false} /></td>
                <td className="num"><Money amount={line.spent} currency={c} signed={false} /></td>
                <td className="num"><Money amount={line.remaining} currency={c} /></td>
                <td>
                  <meter min={0} max={100} low={80} high={99} optimum={0} value={pct} aria-label={`${name}: budget used`} />
                </td>
                {actions && <td>{actions(line.budget.id, name)}</td>}
              </tr>
            );
          })}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">Total</th>
            <td className="num"><Money amount={status.totalBudgeted} currency={c} signed={false} /></td>
            <td className="num"><Money amount={status.totalSpent} currency={c} signed={false} /></td>
            <td className="num"><Money amount={status.totalRemaining} currency={c} /></td>
            <td />
            {actions && <td />}
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
