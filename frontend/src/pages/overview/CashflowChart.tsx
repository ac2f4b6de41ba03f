// Monthly income against expenses (bars) and the savings rate (line, right axis). The
// chart draws numbers; tooltips and the table beneath show the API's exact figures.
import {
  Bar,
  CartesianGrid,
  ComposedChart,
  Legend,
  Line,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { OverviewQuery } from '../../gql/graphql';
import { monthLabel } from '../../lib/dates';
import { compactMoneyTick, formatMoney, formatPercent, toChartNumber } from '../../lib/money';

interface Props {
  months: OverviewQuery['monthlyCashflow'];
  currency: string;
}

export function CashflowChart({ months, currency }: Props) {
  const data = months.map((m) => ({
    label: monthLabel(m.month),
    income: toChartNumber(m.income),
    expenses: toChartNumber(m.expenses),
    savingsRate: m.savingsRate == null ? null : toChartNumber(m.savingsRate),
    source: m,
  }));
  return (
    <figure className="chart" aria-label="Monthly income and expenses with savings rate">
      <ResponsiveContainer width="100%" height={300}>
        <ComposedChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="label" />
          <YAxis yAxisId="money" width={70} tickFormatter={(v: number) => compactMoneyTick(v, currency)} />
          <YAxis yAxisId="rate" orientation="right" width={48} unit="%" />
          <Tooltip
            formatter={(_value, name, item) => {
              const m = (item.payload as (typeof data)[number]).source;
              if (name === 'Savings rate') return formatPercent(m.savingsRate);
              return formatMoney(name === 'Income' ? m.income : m.expenses, currency);
            }}
          />
          <Legend />
          <Bar yAxisId="money" dataKey="income" name="Income" fill="#2e8b57" isAnimationActive={false} />
          <Bar yAxisId="money" dataKey="expenses" name="Expenses" fill="#c0392b" isAnimationActive={false} />
          <Line yAxisId="rate" dataKey="savingsRate" name="Savings rate" stroke="#2c5aa0" connectNulls dot isAnimationActive={false} />
        </ComposedChart>
      </ResponsiveContainer>
    </figure>
  );
}
