// Monthly income against expenses (bars) and the savings rate (line, right axis), from the
// first to the last month with money in the period. Round ticks; a savings rate beyond
// ±100 % (a tiny income) is left off the line but stays in the table.
import { Bar, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { MonthTick, monthInterval, useMonthLabelsThatFit } from '../../components/MonthTick';
import type { CashflowMonthFieldsFragment } from '../../gql/graphql';
import { niceTicks, tickDomain, TOOLTIP_ITEM_STYLE, TOOLTIP_STYLE } from '../../lib/charts';
import { compareDecimal } from '../../lib/decimal';
import { monthLabel } from '../../lib/dates';
import { compactMoneyTick, formatMoney, formatPercent, toChartNumber } from '../../lib/money';

interface Props {
  months: readonly CashflowMonthFieldsFragment[];
  currency: string;
}

const hasMoney = (m: CashflowMonthFieldsFragment) => /[1-9]/.test(m.income) || /[1-9]/.test(m.expenses);

/** The months from the first to the last with any money (empty months at either end would
 * fill the chart with nothing). */
export function activeMonths<T extends CashflowMonthFieldsFragment>(months: readonly T[]): T[] {
  const first = months.findIndex(hasMoney);
  if (first < 0) return [];
  const last = months.length - 1 - [...months].reverse().findIndex(hasMoney);
  return months.slice(first, last + 1);
}

function drawnRate(rate: string | null | undefined): number | null {
  if (rate == null) return null;
  const magnitude = rate.replace(/^-/, '');
  return compareDecimal(magnitude, '100') === 1 ? null : toChartNumber(rate);
}

export function CashflowChart({ months, currency }: Props) {
  const fits = useMonthLabelsThatFit();
  const shown = activeMonths(months);
  if (shown.length === 0) {
    return <p className="chart-empty">No income or expenses in this period yet.</p>;
  }
  const data = shown.map((m) => ({
    month: m.month,
    income: toChartNumber(m.income),
    expenses: toChartNumber(m.expenses),
    savingsRate: drawnRate(m.savingsRate),
    source: m,
  }));
  const money = niceTicks(Math.min(...data.map((d) => Math.min(d.income, d.expenses))), Math.max(...data.map((d) => Math.max(d.income, d.expenses))));
  const rates = data.map((d) => d.savingsRate).filter((r): r is number => r != null);
  const rateTicks = niceTicks(Math.min(0, ...rates), Math.max(0, ...rates), 5);
  const range = `${monthLabel(shown[0]?.month ?? '', true)} – ${monthLabel(shown[shown.length - 1]?.month ?? '', true)}`;
  return (
    <figure className="chart" aria-label={`Monthly income and expenses with savings rate, ${range}`}>
      <ResponsiveContainer width="100%" height={300}>
        <ComposedChart data={data} margin={{ top: 8, right: 4, bottom: 12, left: 4 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="month" tick={<MonthTick />} interval={monthInterval(data.length, fits)} padding={{ left: 8, right: 8 }} height={40} />
          <YAxis yAxisId="money" width={60} ticks={money} domain={tickDomain(money)} tickFormatter={(v: number) => compactMoneyTick(v, currency)} fontSize={11} />
          <YAxis yAxisId="rate" orientation="right" width={44} ticks={rateTicks} domain={tickDomain(rateTicks)} unit="%" fontSize={11} />
          <Tooltip
            contentStyle={TOOLTIP_STYLE}
            itemStyle={TOOLTIP_ITEM_STYLE}
            labelFormatter={(label: unknown) => (typeof label === 'string' ? monthLabel(label, true) : '')}
            formatter={(_value, name, item) => {
              const m = (item.payload as (typeof data)[number]).source;
              if (name === 'Savings rate') return formatPercent(m.savingsRate);
              return formatMoney(name === 'Income' ? m.income : m.expenses, currency);
            }}
          />
          <Legend />
          <Bar yAxisId="money" dataKey="income" name="Income" fill="#2e8b57" isAnimationActive={false} />
          <Bar yAxisId="money" dataKey="expenses" name="Expenses" fill="#c0392b" isAnimationActive={false} />
          <Line yAxisId="rate" dataKey="savingsRate" name="Savings rate" stroke="#2c6fbb" connectNulls dot isAnimationActive={false} />
        </ComposedChart>
      </ResponsiveContainer>
      <figcaption className="hint">{range}</figcaption>
    </figure>
  );
}
