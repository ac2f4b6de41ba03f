// Where the year's money went: each top-level expense category's share, as a donut and a
// list with the exact amounts and percentages from the API.
import { Cell, Pie, PieChart, ResponsiveContainer, Tooltip } from 'recharts';
import type { OverviewQuery } from '../../gql/graphql';
import { formatMoney, formatPercent, toChartNumber } from '../../lib/money';

const COLORS = ['#2c5aa0', '#c0392b', '#2e8b57', '#d68910', '#7d3c98', '#17a589', '#a04000', '#5d6d7e'];

interface Props {
  spending: OverviewQuery['spendingByCategory'];
}

export function ExpenseShareChart({ spending }: Props) {
  if (spending.parents.length === 0) return <p className="empty">No expenses in this period.</p>;
  const data = spending.parents.map((line) => ({
    name: line.category?.name ?? 'Uncategorized',
    value: toChartNumber(line.amount),
    line,
  }));
  return (
    <div className="share">
      <figure className="chart" aria-label="Expense share by category">
        <ResponsiveContainer width="100%" height={240}>
          <PieChart>
            <Pie data={data} dataKey="value" nameKey="name" innerRadius="50%" outerRadius="85%" isAnimationActive={false}>
              {data.map((d, i) => (
                <Cell key={d.name} fill={COLORS[i % COLORS.length]} />
              ))}
            </Pie>
            <Tooltip
              formatter={(_v, _n, item) => {
                const line = (item.payload as (typeof data)[number]).line;
                return `${formatMoney(line.amount, spending.currency)} (${formatPercent(line.share)})`;
              }}
            />
          </PieChart>
        </ResponsiveContainer>
      </figure>
      <ul className="legend-list" aria-label="Expenses by category">
        {data.map((d, i) => (
          <li key={d.name}>
            <span className="swatch" data-color={i % COLORS.length} aria-hidden="true" />
            <span>{d.name}</span>
            <span className="num">{formatMoney(d.line.amount, spending.currency)}</span>
            <span className="num muted">{formatPercent(d.line.share)}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
