// Net worth at each month end (line) with assets and liabilities (areas).
import { Area, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { NetWorthMonthFieldsFragment } from '../../gql/graphql';
import { monthLabel } from '../../lib/dates';
import { compactMoneyTick, formatMoney, toChartNumber } from '../../lib/money';

export function NetWorthChart({ months, currency }: { months: NetWorthMonthFieldsFragment[]; currency: string }) {
  const data = months.map((m) => ({
    label: monthLabel(m.month, true),
    total: toChartNumber(m.total),
    assets: toChartNumber(m.assets),
    liabilities: toChartNumber(m.liabilities),
    source: m,
  }));
  const exact = { 'Net worth': 'total', Assets: 'assets', Liabilities: 'liabilities' } as const;
  return (
    <figure className="chart" aria-label="Net worth over time">
      <ResponsiveContainer width="100%" height={300}>
        <ComposedChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="label" />
          <YAxis width={80} tickFormatter={(v: number) => compactMoneyTick(v, currency)} />
          <Tooltip
            formatter={(_v, name, item) => {
              const m = (item.payload as (typeof data)[number]).source;
              const key = exact[name as keyof typeof exact];
              return key ? formatMoney(m[key], currency) : String(_v);
            }}
          />
          <Legend />
          <Area dataKey="assets" name="Assets" fill="#d5f0e3" stroke="#2e8b57" isAnimationActive={false} />
          <Area dataKey="liabilities" name="Liabilities" fill="#f6d5d1" stroke="#c0392b" isAnimationActive={false} />
          <Line dataKey="total" name="Net worth" stroke="#2c5aa0" strokeWidth={2} isAnimationActive={false} />
        </ComposedChart>
      </ResponsiveContainer>
    </figure>
  );
}
