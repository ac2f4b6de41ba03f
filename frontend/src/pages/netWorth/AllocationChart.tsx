// What the money sits in, by account kind: bars of each kind's share (assets of all
// assets, liabilities of all liabilities) and the exact amounts.
import { Bar, BarChart, Cell, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { NetWorthPageQuery } from '../../gql/graphql';
import { kindLabel } from '../../lib/accountKinds';
import { formatMoney, formatPercent, isNegative, toChartNumber } from '../../lib/money';

type Slice = NetWorthPageQuery['netWorth']['allocation'][number];

export function AllocationChart({ slices, currency }: { slices: Slice[]; currency: string }) {
  if (slices.length === 0) return <p className="empty">No balances yet.</p>;
  const data = slices.map((s) => ({ name: kindLabel(s.kind), share: toChartNumber(s.share), slice: s }));
  return (
    <>
      <figure className="chart" aria-label="Allocation by account kind">
        <ResponsiveContainer width="100%" height={Math.max(120, 36 * data.length)}>
          <BarChart data={data} layout="vertical" margin={{ left: 16, right: 16 }}>
            <XAxis type="number" unit="%" domain={[0, 100]} />
            <YAxis type="category" dataKey="name" width={100} />
            <Tooltip formatter={(_v, _n, item) => formatPercent((item.payload as (typeof data)[number]).slice.share)} />
            <Bar dataKey="share" name="Share" isAnimationActive={false}>
              {data.map((d) => (
                <Cell key={d.name} fill={isNegative(d.slice.amount) ? '#c0392b' : '#2e8b57'} />
              ))}
            </Bar>
          </BarChart>
        </ResponsiveContainer>
      </figure>
      <ul className="legend-list" aria-label="Allocation amounts">
        {data.map((d) => (
          <li key={d.name}>
            <span>{d.name}</span>
            <span className="num">{formatMoney(d.slice.amount, currency)}</span>
            <span className="num muted">{formatPercent(d.slice.share)}</span>
          </li>
        ))}
      </ul>
    </>
  );
}
