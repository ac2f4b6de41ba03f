// Overview / cash flow of a year: tiles (income, expenses, net income, savings rate),
// monthly income vs expenses with the savings rate, expense share by category and the
// budget status — all from one query.
import { useState } from 'react';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Loading } from '../../components/Loading';
import { Money } from '../../components/Money';
import { Tile } from '../../components/Tile';
import { YearSelect } from '../../components/YearSelect';
import { monthLabel } from '../../lib/dates';
import { formatMoney, formatPercent } from '../../lib/money';
import { BudgetStatusTable } from '../budgets/BudgetStatusTable';
import { CashflowChart } from './CashflowChart';
import { ExpenseShareChart } from './ExpenseShareChart';
import { useOverview } from './useOverview';

export function OverviewPage() {
  const [year, setYear] = useState(() => new Date().getFullYear());
  const { data, loading, error, refetch } = useOverview(year);

  return (
    <>
      <div className="page-head">
        <h1>Overview</h1>
        <YearSelect value={year} years={data?.years ?? []} onChange={setYear} />
      </div>
      {error && <ErrorNotice error={error} onRetry={() => void refetch()} />}
      {!data && loading && <Loading />}
      {data && <OverviewBody data={data} />}
    </>
  );
}

function OverviewBody({ data }: { data: NonNullable<ReturnType<typeof useOverview>['data']> }) {
  const o = data.financialOverview;
  const c = o.currency;
  return (
    <>
      <div className="tiles">
        <Tile testId="tile-income" label="Income" value={<Money amount={o.income} currency={c} />} />
        <Tile testId="tile-expenses" label="Expenses" value={<Money amount={o.expenses} currency={c} signed={false} />} />
        <Tile testId="tile-net-income" label="Net income" value={<Money amount={o.netIncome} currency={c} />} />
        <Tile testId="tile-savings-rate" label="Savings rate" value={formatPercent(o.savingsRate)} />
      </div>
      <section className="panel" aria-labelledby="cashflow-h">
        <h2 id="cashflow-h">Income and expenses by month</h2>
        <CashflowChart months={data.monthlyCashflow} currency={c} />
        <details>
          <summary>Monthly figures</summary>
          <div className="table-wrap">
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
                {data.monthlyCashflow.map((m) => (
                  <tr key={m.month}>
                    <th scope="row">{monthLabel(m.month, true)}</th>
                    <td className="num">{formatMoney(m.income, c)}</td>
                    <td className="num">{formatMoney(m.expenses, c)}</td>
                    <td className="num">{formatMoney(m.net, c)}</td>
                    <td className="num">{formatPercent(m.savingsRate)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </details>
      </section>
      <div className="columns">
        <section className="panel" aria-labelledby="share-h">
          <h2 id="share-h">Expense share by category</h2>
          <ExpenseShareChart spending={data.spendingByCategory} />
        </section>
        <section className="panel" aria-labelledby="budget-h">
          <h2 id="budget-h">Budgets, {monthLabel(data.budgetStatus.month, true)}</h2>
          <BudgetStatusTable status={data.budgetStatus} />
        </section>
      </div>
    </>
  );
}
