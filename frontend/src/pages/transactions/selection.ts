// Which rows of the page are selected for a batch change.
import { useState } from 'react';

export interface Selection {
  ids: ReadonlySet<string>;
  has: (id: string) => boolean;
  toggle: (id: string) => void;
  /** Select every id given, or none if all of them are selected already. */
  toggleAll: (ids: readonly string[]) => void;
  clear: () => void;
}

export function useSelection(): Selection {
  const [ids, setIds] = useState<ReadonlySet<string>>(new Set());
  return {
    ids,
    has: (id) => ids.has(id),
    toggle: (id) =>
      setIds((current) => {
        const next = new Set(current);
        if (!next.delete(id)) next.add(id);
        return next;
      }),
    toggleAll: (all) => setIds((current) => (all.every((id) => current.has(id)) ? new Set() : new Set(all))),
    clear: () => setIds(new Set()),
  };
}
