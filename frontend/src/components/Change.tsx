// A change between two figures: "+$120.00 (+4.20%)", coloured by sign.
import { Money } from './Money';
import { formatPercent } from '../lib/money';

interface Props {
  change: { amount: string; percent?: string | null | undefined };
  currency: string;
}

export function Change({ change, currency }: Props) {
  return (
    <span className="change">
      <Money amount={change.amount} currency={currency} />
      {change.percent != null && <span className="muted"> ({formatPercent(change.percent)})</span>}
    </span>
  );
}
