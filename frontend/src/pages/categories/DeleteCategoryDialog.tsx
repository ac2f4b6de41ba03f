// Delete a category (and its sub-categories and budgets), saying where its transactions go:
// another category of the same kind, or uncategorized.
import { useMutation } from '@apollo/client';
import { useId, useState } from 'react';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ErrorNotice } from '../../components/ErrorNotice';
import type { CategoriesPageQuery, CategoryKind } from '../../gql/graphql';
import { DeleteCategoryDoc } from './operations';

interface Props {
  category: { id: string; name: string; kind: CategoryKind };
  categories: CategoriesPageQuery['categories'];
  onDone: (message: string | null) => void;
}

export function DeleteCategoryDialog({ category, categories, onDone }: Props) {
  const [target, setTarget] = useState('');
  const selectId = useId();
  const [remove, { loading, error }] = useMutation(DeleteCategoryDoc, { refetchQueries: 'active', awaitRefetchQueries: true });
  const others = categories
    .filter((c) => c.kind === category.kind)
    .flatMap((c) => [{ id: c.id, name: c.name, root: c.id }, ...c.children.map((k) => ({ id: k.id, name: `${c.name} / ${k.name}`, root: c.id }))])
    .filter((c) => c.id !== category.id && c.root !== category.id);

  async function confirm() {
    const variables = target ? { id: category.id, reassignTo: target } : { id: category.id, clearTransactions: true };
    const result = await remove({ variables }).catch(() => null);
    if (result?.data) {
      const moved = result.data.deleteCategory.transactionsMoved;
      onDone(`${category.name} was deleted${moved ? `; ${moved} transaction${moved === 1 ? '' : 's'} ${target ? 'moved' : 'left uncategorized'}` : ''}.`);
    }
  }

  return (
    <ConfirmDialog title={`Delete ${category.name}?`} confirmLabel="Delete" busy={loading} onCancel={() => onDone(null)} onConfirm={() => void confirm()}>
      <p>Its sub-categories and budgets are deleted too.</p>
      <div className="field">
        <label htmlFor={selectId}>Move its transactions to</label>
        <select id={selectId} value={target} onChange={(e) => setTarget(e.target.value)}>
          <option value="">Nowhere: leave them uncategorized</option>
          {others.map((c) => (
            <option key={c.id} value={c.id}>{c.name}</option>
          ))}
        </select>
      </div>
      {error && <ErrorNotice error={error} title="It could not be deleted." />}
    </ConfirmDialog>
  );
}
