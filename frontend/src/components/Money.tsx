// An amount in its currency, coloured by sign; the text is the exact decimal, formatted.
import { formatMoney, signClass } from '../lib/money';

interface Props {
  amount: string;
  currency: string;
  className?: string;
  /** Colour by sign (default); off for figures that are positive by nature (expenses). */
  signed?: boolean;
}

export function Money({ amount, currency, className, signed = true }: Props) {
  return (
    <span className={['money', signed ? signClass(amount) : null, className].filter(Boolean).join(' ')}>
      {formatMoney(amount, currency)}
    </span>
  );
}
