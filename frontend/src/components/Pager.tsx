// "Previous · where we are · Next" under a keyset-paged table.
import type { ReactNode } from 'react';

interface Props {
  label: string;
  hasPrevious: boolean;
  hasNext: boolean;
  busy: boolean;
  onPrevious: () => void;
  onNext: () => void;
  children: ReactNode;
}

export function Pager({ label, hasPrevious, hasNext, busy, onPrevious, onNext, children }: Props) {
  return (
    <nav className="pager" aria-label={label}>
      <button type="button" onClick={onPrevious} disabled={!hasPrevious || busy}>
        Previous
      </button>
      <span aria-live="polite">{children}</span>
      <button type="button" onClick={onNext} disabled={!hasNext || busy}>
        Next
      </button>
    </nav>
  );
}
