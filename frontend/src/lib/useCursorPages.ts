// Keyset pagination over a GraphQL connection: a stack of `after` cursors, so "Next" asks
// for the page after the last row (`pageInfo.endCursor`) and "Previous" goes back exactly.
import { useState } from 'react';

export interface CursorPages {
  /** The `after` of the page shown (null: the first page). */
  after: string | null;
  /** 1-based number of the page shown. */
  page: number;
  hasPrevious: boolean;
  /** Go to the page after `endCursor` (the shown page's last row). */
  next: (endCursor: string | null | undefined) => void;
  previous: () => void;
  /** Back to the first page (after the search changed). */
  restart: () => void;
}

export function useCursorPages(): CursorPages {
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  return {
    after: cursors[cursors.length - 1] ?? null,
    page: cursors.length,
    hasPrevious: cursors.length > 1,
    next: (endCursor) => {
      if (endCursor) setCursors((c) => [...c, endCursor]);
    },
    previous: () => setCursors((c) => (c.length > 1 ? c.slice(0, -1) : c)),
    restart: () => setCursors([null]),
  };
}
