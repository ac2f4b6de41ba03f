// Net worth at each month end (line) with assets and liabilities (areas): round ticks, a
// label for every month or for every k-th at a regular step, and the year under January.
import { Area, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { MonthTick, monthInterval, useMonthLabelsThatFit } from '../../components/MonthTick';
import type { NetWorthMonthFieldsFragment } from '../../gql/graphql';
import { niceTicks, tickDomain, TOOLTIP_ITEM_STYLE, TOOLTIP_STYLE } from '../../lib/charts';
import { monthLabel } from '../../lib/dates';
import { compactMoneyTick, formatMoney, toChartNumber } from '../../lib/money';

export function NetWorthChart({ months, currency }: { months: NetWorthMonthFieldsFragment[]; currency: string }) {
  const fits = useMonthLabelsThatFit();
  const data = months.map((m) => ({
    month: m.month,
    total: toChartNumber(m.total),
    assets: toChartNumber(m.assets),
    liabilities: toChartNumber(m.liabilities),
    source: m,
  }));
  if (data.every((d) => d.total === 0 && d.assets === 0 && d.liabilities === 0)) {
    return <p className="chart-empty">No balances in this period yet.</p>;
  }
  const values = data.flatMap((d) => [d.total, d.assets, d.liabilities]);
  const ticks = niceTicks(Math.min(...values), Math.max(...values));
  const exact = { 'Net worth': 'total', Assets: 'assets', Liabilities: 'liabilities' } as const;
  return (
    <figure className="chart" aria-label="Net worth over time">
      <ResponsiveContainer width="100%" height={300}>
        <ComposedChart data={data} margin={{ top: 8, right: 8, bottom: 12, left: 4 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="month" tick={<MonthTick />} interval={monthInterval(data.length, fits)} padding={{ left: 12, right: 12 }} height={40} />
          <YAxis width={64} ticks={ticks} domain={tickDomain(ticks)} tickFormatter={(v: number) => compactMoneyTick(v, currency)} fontSize={11} />
          <Tooltip
            contentStyle={TOOLTIP_STYLE}
            itemStyle={TOOLTIP_ITEM_STYLE}
            labelFormatter={(label: unknown) => (typeof label === 'string' ? monthLabel(label, true) : '')}
            formatter={(_v, name, item) => {
              const m = (item.payload as (typeof data)[number]).source;
              const key = exact[name as keyof typeof exact];
              return key ? formatMoney(m[key], currency) : String(_v);
            }}
          />
          <Legend />
          <Area dataKey="assets" name="Assets" fill="#d5f0e3" stroke="#2e8b57" isAnimationActive={false} />
          <Area dataKey="liabilities" name="Liabilities" fill="#f6d5d1" stroke="#c0392b" isAnimationActive={false} />
          <Line dataKey="total" name="Net worth" stroke="#2c6fbb" strokeWidth={2} isAnimationActive={false} />
        </ComposedChart>
      </ResponsiveContainer>
    </figure>
  );
}
