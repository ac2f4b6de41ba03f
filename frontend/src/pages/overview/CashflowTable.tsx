// The period's months as a table: the exact figures behind the chart.
import type { CashflowMonthFieldsFragment } from '../../gql/graphql';
import { monthLabel } from '../../lib/dates';
import { formatMoney, formatPercent } from '../../lib/money';

export function CashflowTable({ months, currency }: { months: readonly CashflowMonthFieldsFragment[]; currency: string }) {
  return (
    <div className="table-wrap" tabIndex={0}>
      <table>
        <thead>
          <tr>
            <th scope="col">Month</th>
            <th scope="col" className="num">Income</th>
            <th scope="col" className="num">Expenses</th>
            <th scope="col" className="num">Net</th>
            <th scope="col" className="num">Savings rate</th>
          </tr>
        </thead>
        <tbody>
          {months.map((m) => (
            <tr key={m.month}>
              <th scope="row">{monthLabel(m.month, true)}</th>
              <td className="num">{formatMoney(m.income, currency)}</td>
              <td className="num">{formatMoney(m.expenses, currency)}</td>
              <td className="num">{formatMoney(m.net, currency)}</td>
              <td className="num">{formatPercent(m.savingsRate)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
