// What the filtered transactions add up to, per currency, as the server summed them (over
// every matching row, not only this page).
import { Money } from '../../components/Money';
import type { TransactionsPageQuery } from '../../gql/graphql';

type Total = TransactionsPageQuery['transactions']['totals'][number];

export function Totals({ totals }: { totals: readonly Total[] }) {
  if (totals.length === 0) return null;
  return (
    <dl className="totals" aria-label="Totals of the matching transactions">
      {totals.map((t) => (
        <div key={t.currency} className="totals-row">
          <dt>{t.currency} · {t.count} transaction{t.count === 1 ? '' : 's'}</dt>
          <dd>
            <span>In <Money amount={t.moneyIn} currency={t.currency} /></span>
            <span>Out <Money amount={t.moneyOut} currency={t.currency} /></span>
            <span className="totals-net">Net <Money amount={t.net} currency={t.currency} /></span>
          </dd>
        </div>
      ))}
    </dl>
  );
}
