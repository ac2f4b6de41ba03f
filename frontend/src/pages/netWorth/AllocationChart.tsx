// What the money sits in, by account kind — assets and liabilities apart. Assets show each
// kind's share of all assets (a positive total); liabilities show their amounts only, never
// a percentage of a negative total.
import type { NetWorthPageQuery } from '../../gql/graphql';
import { kindLabel } from '../../lib/accountKinds';
import { formatMoney, formatPercent, isNegative, toChartNumber } from '../../lib/money';

type Slice = NetWorthPageQuery['netWorth']['allocation'][number];

export function AllocationChart({ slices, currency }: { slices: Slice[]; currency: string }) {
  const assets = slices.filter((s) => !isNegative(s.amount) && /[1-9]/.test(s.amount));
  const liabilities = slices.filter((s) => isNegative(s.amount));
  if (assets.length === 0 && liabilities.length === 0) return <p className="chart-empty">No balances yet.</p>;
  return (
    <div className="allocation">
      <h3>Assets</h3>
      {assets.length === 0 ? (
        <p className="empty">No assets in {currency}.</p>
      ) : (
        <ul className="bar-list" aria-label="Assets by account kind">
          {assets.map((s) => (
            <li key={s.kind}>
              <span>{kindLabel(s.kind)}</span>
              <span className="bar" aria-hidden="true">
                <span style={{ width: `${Math.min(100, Math.max(0, toChartNumber(s.share)))}%` }} />
              </span>
              <span className="num">{formatMoney(s.amount, currency)}</span>
              <span className="num muted">{formatPercent(s.share)}</span>
            </li>
          ))}
        </ul>
      )}
      <h3>Liabilities</h3>
      {liabilities.length === 0 ? (
        <p className="empty">No debts.</p>
      ) : (
        <ul className="bar-list liabilities" aria-label="Liabilities by account kind">
          {liabilities.map((s) => (
            <li key={s.kind}>
              <span>{kindLabel(s.kind)}</span>
              <span className="num">{formatMoney(s.amount, currency)}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
