// One headline figure of a page (income, net worth …) with an optional detail line.
import type { ReactNode } from 'react';

interface Props {
  label: string;
  value: ReactNode;
  detail?: ReactNode;
  testId?: string;
}

export function Tile({ label, value, detail, testId }: Props) {
  return (
    <section className="tile" aria-label={label} data-testid={testId}>
      <h3>{label}</h3>
      <p className="tile-value">{value}</p>
      {detail && <p className="tile-detail">{detail}</p>}
    </section>
  );
}
