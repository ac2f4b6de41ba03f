// Batch changes to the selected transactions: each is ONE request (updateTransactions or
// deleteTransactions), all or nothing on the server; the list reloads after.
import { useMutation } from '@apollo/client';
import { DeleteTransactionsDoc, UpdateTransactionsDoc } from './operations';

const options = { refetchQueries: ['TransactionsPage'], awaitRefetchQueries: true };

export function useBatchEdit(ids: readonly string[], onDone: () => void) {
  const [update, updating] = useMutation(UpdateTransactionsDoc, options);
  const [remove, removing] = useMutation(DeleteTransactionsDoc, options);
  const settle = (result: { data?: unknown } | null) => {
    if (result?.data) onDone();
    return !!result?.data;
  };
  return {
    /** Give every selected transaction this category ('' clears it). */
    categorise: (categoryId: string) =>
      update({ variables: { input: { ids: [...ids], categoryId: categoryId || null } } })
        .catch(() => null)
        .then(settle),
    /** Add these tags to every selected transaction. */
    tag: (tags: string[]) =>
      update({ variables: { input: { ids: [...ids], addTags: tags } } })
        .catch(() => null)
        .then(settle),
    remove: () =>
      remove({ variables: { ids: [...ids] } })
        .catch(() => null)
        .then(settle),
    busy: updating.loading || removing.loading,
    error: updating.error ?? removing.error ?? null,
    reset: () => {
      updating.reset();
      removing.reset();
    },
  };
}
