// The Transactions page's filters, read from and written to the URL: every change is a
// history entry, so the back button undoes it and a copied link shows the same list.
import { useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { fromParams, toParams, type FilterValues } from './filters';

export function useFilterParams(): [FilterValues, (next: FilterValues) => void] {
  const [params, setParams] = useSearchParams();
  const key = params.toString();
  // eslint-disable-next-line react-hooks/exhaustive-deps -- the query string is the identity
  const values = useMemo(() => fromParams(params), [key]);
  const apply = (next: FilterValues) => {
    const query = toParams(next);
    if (query.toString() !== key) setParams(query);
  };
  return [values, apply];
}
