// The Transactions page's data and its keyset pagination: a stack of `after` cursors, so
// "Next" asks for the page after the last row and "Previous" goes back exactly.
import { useQuery } from '@apollo/client';
import { useState } from 'react';
import type { TransactionFilter, TransactionOrder } from '../../gql/graphql';
import { TransactionsPageDoc } from './operations';

export const PAGE_SIZE = 25;

export function useTransactionsPage(filter: TransactionFilter, orderBy: TransactionOrder) {
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const after = cursors[cursors.length - 1] ?? null;
  const query = useQuery(TransactionsPageDoc, {
    variables: { first: PAGE_SIZE, after, filter, orderBy },
  });
  const pageInfo = query.data?.transactions.pageInfo;
  return {
    ...query,
    page: cursors.length,
    hasPrevious: cursors.length > 1,
    hasNext: !!pageInfo?.hasNextPage,
    next: () => {
      if (pageInfo?.endCursor) setCursors((c) => [...c, pageInfo.endCursor ?? null]);
    },
    previous: () => {
      setCursors((c) => (c.length > 1 ? c.slice(0, -1) : c));
    },
    /** Back to the first page (after a filter or sort change). */
    restart: () => {
      setCursors([null]);
    },
  };
}
