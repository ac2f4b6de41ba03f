// A transaction's category as a select that saves when changed (a transfer has none).
import { useMutation } from '@apollo/client';
import type { TransactionRowFragment, TransactionsPageQuery } from '../../gql/graphql';
import { CategoryOptions } from './CategoryOptions';
import { UpdateTransactionDoc } from './operations';

interface Props {
  row: TransactionRowFragment;
  categories: TransactionsPageQuery['categories'];
}

export function InlineCategory({ row, categories }: Props) {
  const [update, { loading, error }] = useMutation(UpdateTransactionDoc, { refetchQueries: ['TransactionsPage'] });
  if (row.transferId) return <span className="muted">Transfer</span>;
  return (
    <>
      <select
        className="inline-select"
        aria-label={`Category of ${row.description}`}
        value={row.category?.id ?? ''}
        disabled={loading}
        aria-invalid={error ? true : undefined}
        onChange={(e) => void update({ variables: { id: row.id, input: { categoryId: e.target.value || null } } }).catch(() => undefined)}
      >
        <option value="">Uncategorized</option>
        <CategoryOptions categories={categories} />
      </select>
      {error && <small role="alert" className="field-error">Not saved: {error.message}</small>}
    </>
  );
}
