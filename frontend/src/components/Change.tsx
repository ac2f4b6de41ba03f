// A change between two figures: "+$120.00 (+4.20%)", coloured by sign. The percentage is
// shown only from a positive base that is not tiny (see meaningfulChange): from zero, a
// negative or a tiny figure a percentage misleads, so only the amount is shown.
import { Money } from './Money';
import { meaningfulChange } from '../lib/charts';
import { formatPercent } from '../lib/money';

interface Props {
  change: { amount: string; percent?: string | null | undefined };
  /** The later figure, whose difference from the earlier one is `change.amount`. */
  after: string;
  currency: string;
}

export function Change({ change, after, currency }: Props) {
  const percent = meaningfulChange(change.percent, after, change.amount);
  return (
    <span className="change">
      <Money amount={change.amount} currency={currency} />
      {percent != null && <span className="muted"> ({formatPercent(percent)})</span>}
    </span>
  );
}
