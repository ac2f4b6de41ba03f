// The Transactions page's data and its keyset pagination: a stack of `after` cursors, so
// "Next" asks for the page after the last row and "Previous" goes back exactly. A new
// filter or sort starts again at the first page.
import { useQuery } from '@apollo/client';
import { useState } from 'react';
import type { TransactionFilter, TransactionOrder } from '../../gql/graphql';
import { TransactionsPageDoc } from './operations';

export const PAGE_SIZE = 25;

export function useTransactionsPage(filter: TransactionFilter, orderBy: TransactionOrder) {
  const key = JSON.stringify([filter, orderBy]);
  const [stack, setStack] = useState<{ key: string; cursors: (string | null)[] }>({ key, cursors: [null] });
  const cursors = stack.key === key ? stack.cursors : [null];
  const after = cursors[cursors.length - 1] ?? null;
  const query = useQuery(TransactionsPageDoc, {
    variables: { first: PAGE_SIZE, after, filter, orderBy },
  });
  const data = query.data ?? query.previousData;
  const pageInfo = query.data?.transactions.pageInfo;
  return {
    ...query,
    data,
    page: cursors.length,
    hasPrevious: cursors.length > 1,
    hasNext: !!pageInfo?.hasNextPage,
    next: () => {
      const end = pageInfo?.endCursor;
      if (end) setStack({ key, cursors: [...cursors, end] });
    },
    previous: () => setStack({ key, cursors: cursors.length > 1 ? cursors.slice(0, -1) : cursors }),
  };
}
