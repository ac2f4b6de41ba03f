// An amount in its currency, coloured by sign; the text is the exact decimal, formatted.
import { formatMoney, signClass } from '../lib/money';

interface Props {
  amount: string;
  currency: string;
  className?: string;
}

export function Money({ amount, currency, className }: Props) {
  return (
    <span className={['money', signClass(amount), className].filter(Boolean).join(' ')}>
      {formatMoney(amount, currency)}
    </span>
  );
}
