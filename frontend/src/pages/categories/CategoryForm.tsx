// Add a top-level category (income or expense) or a sub-category under one; or rename.
import { useMutation } from '@apollo/client';
import { useState, type FormEvent } from 'react';
import { Field } from '../../components/Field';
import { FormErrors } from '../../components/FormErrors';
import type { CategoriesPageQuery, CategoryKind } from '../../gql/graphql';
import { formErrors } from '../../lib/errors';
import { CreateCategoryDoc, RenameCategoryDoc } from './operations';

const FIELDS = ['name', 'kind', 'parentId'] as const;

interface Props {
  categories: CategoriesPageQuery['categories'];
  renaming?: { id: string; name: string };
  onDone: () => void;
}

export function CategoryForm({ categories, renaming, onDone }: Props) {
  const [name, setName] = useState(renaming?.name ?? '');
  const [kind, setKind] = useState<CategoryKind>('EXPENSE');
  const [parentId, setParentId] = useState('');
  const options = { refetchQueries: 'active' as const, awaitRefetchQueries: true };
  const [create, created] = useMutation(CreateCategoryDoc, options);
  const [rename, renamed] = useMutation(RenameCategoryDoc, options);
  const state = renaming ? renamed : created;
  const errors = state.error ? formErrors(state.error, FIELDS) : null;

  async function submit(event: FormEvent) {
    event.preventDefault();
    const result = renaming
      ? await rename({ variables: { id: renaming.id, input: { name: name.trim() } } }).catch(() => null)
      : await create({ variables: { input: parentId ? { name: name.trim(), parentId } : { name: name.trim(), kind } } }).catch(() => null);
    if (result?.data) onDone();
  }

  return (
    <form onSubmit={submit} noValidate aria-busy={state.loading}>
      <Field label="Name" error={errors?.fields.name}>
        <input required maxLength={100} value={name} onChange={(e) => setName(e.target.value)} />
      </Field>
      {!renaming && (
        <>
          <Field label="Under" hint="Leave empty for a top-level category" error={errors?.fields.parentId}>
            <select value={parentId} onChange={(e) => setParentId(e.target.value)}>
              <option value="">(top level)</option>
              {categories.map((c) => (
                <option key={c.id} value={c.id}>{c.name}</option>
              ))}
            </select>
          </Field>
          {!parentId && (
            <Field label="Kind" error={errors?.fields.kind}>
              <select value={kind} onChange={(e) => setKind(e.target.value as CategoryKind)}>
                <option value="EXPENSE">Expense</option>
                <option value="INCOME">Income</option>
              </select>
            </Field>
          )}
        </>
      )}
      <FormErrors messages={errors?.form ?? []} />
      <div className="actions">
        <button type="submit" className="primary" disabled={state.loading}>{renaming ? 'Rename' : 'Add category'}</button>
        <button type="button" onClick={onDone}>Cancel</button>
      </div>
    </form>
  );
}
