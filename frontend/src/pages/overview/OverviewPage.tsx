// Overview of a period — the last twelve months or a calendar year: tiles (income,
// expenses, net income, savings rate), monthly income vs expenses with the savings rate,
// expense share by category and this month's budgets — all from one query.
import { useState } from 'react';
import { Link } from 'react-router';
import { EmptyState } from '../../components/EmptyState';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Loading } from '../../components/Loading';
import { Money } from '../../components/Money';
import { Tile } from '../../components/Tile';
import { monthEnd, monthLabel } from '../../lib/dates';
import { formatPercent } from '../../lib/money';
import { BudgetStatusTable } from '../budgets/BudgetStatusTable';
import { UpcomingPanel } from '../recurring/UpcomingPanel';
import { CashflowChart } from './CashflowChart';
import { CashflowTable } from './CashflowTable';
import { ExpenseShareChart } from './ExpenseShareChart';
import { PeriodSelect } from './PeriodSelect';
import { monthsOf, useOverview, type Period } from './useOverview';

export function OverviewPage() {
  const [period, setPeriod] = useState<Period>({ kind: 'last12' });
  const { data, loading, error, refetch } = useOverview(period);

  return (
    <>
      <div className="page-head">
        <h1>Overview</h1>
        <PeriodSelect value={period} years={data?.years ?? []} onChange={setPeriod} />
      </div>
      {error && <ErrorNotice error={error} onRetry={() => void refetch()} />}
      {!data && loading && <Loading />}
      {data && <OverviewBody data={data} period={period} />}
    </>
  );
}

type Data = NonNullable<ReturnType<typeof useOverview>['data']>;

function OverviewBody({ data, period }: { data: Data; period: Period }) {
  const o = data.cashflow;
  const c = o.currency;
  const { from, to } = monthsOf(period);
  return (
    <>
      {data.years.length === 0 && (
        <EmptyState title="Nothing recorded yet." actions={<Link to="/transactions" className="button-link">Add your first transaction</Link>}>
          Tally fills this page from your transactions: add one, or import your bank's CSV on the Transactions page.
        </EmptyState>
      )}
      <div className="tiles">
        <Tile testId="tile-income" label="Income" value={<Money amount={o.income} currency={c} />} />
        <Tile testId="tile-expenses" label="Expenses" value={<Money amount={o.expenses} currency={c} signed={false} />} />
        <Tile testId="tile-net-income" label="Net income" value={<Money amount={o.netIncome} currency={c} />} />
        <Tile testId="tile-savings-rate" label="Savings rate" value={formatPercent(o.savingsRate)} />
      </div>
      <section className="panel" aria-labelledby="cashflow-h">
        <h2 id="cashflow-h">Income and expenses by month</h2>
        <CashflowChart months={o.months} currency={c} />
        <details>
          <summary>Monthly figures</summary>
          <CashflowTable months={o.months} currency={c} />
        </details>
      </section>
      <div className="columns">
        <section className="panel" aria-labelledby="share-h">
          <h2 id="share-h">Expense share by category</h2>
          <ExpenseShareChart
            currency={data.spendingByCategory.currency}
            parents={data.spendingByCategory.parents}
            lines={data.spendingByCategory.categories}
            from={`${from}-01`}
            to={monthEnd(to)}
          />
        </section>
        <section className="panel" aria-labelledby="budget-h">
          <h2 id="budget-h">Budgets, {monthLabel(data.budgetStatus.month, true)}</h2>
          <BudgetStatusTable
            status={data.budgetStatus}
            empty={<EmptyState title="No budgets for this month." actions={<Link to="/budgets" className="button-link">Set a budget</Link>} />}
          />
        </section>
      </div>
      <UpcomingPanel />
    </>
  );
}
