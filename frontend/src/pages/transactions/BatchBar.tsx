// What to do with the selected transactions: set a category, add tags, or delete them (after
// a confirmation) — each one request for the whole selection.
import { useId, useState, type FormEvent } from 'react';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ErrorNotice } from '../../components/ErrorNotice';
import type { TransactionsPageQuery } from '../../gql/graphql';
import { CategoryOptions } from './CategoryOptions';
import { parseTags } from './filters';
import { useBatchEdit } from './useBatchEdit';

interface Props {
  ids: readonly string[];
  categories: TransactionsPageQuery['categories'];
  onDone: () => void;
}

export function BatchBar({ ids, categories, onDone }: Props) {
  const batch = useBatchEdit(ids, onDone);
  const [categoryId, setCategoryId] = useState('');
  const [tags, setTags] = useState('');
  const [confirming, setConfirming] = useState(false);
  const categoryField = useId();
  const tagField = useId();
  const count = `${ids.length} transaction${ids.length === 1 ? '' : 's'}`;

  function categorise(event: FormEvent) {
    event.preventDefault();
    void batch.categorise(categoryId);
  }
  function tag(event: FormEvent) {
    event.preventDefault();
    const list = parseTags(tags);
    if (list.length) void batch.tag(list).then((ok) => ok && setTags(''));
  }

  return (
    <section className="batch-bar" aria-label="Change the selected transactions" aria-busy={batch.busy}>
      <p role="status" className="batch-count">{count} selected</p>
      <form onSubmit={categorise} className="batch-form">
        <label htmlFor={categoryField}>Category</label>
        <select id={categoryField} value={categoryId} onChange={(e) => setCategoryId(e.target.value)}>
          <option value="">Uncategorized</option>
          <CategoryOptions categories={categories} />
        </select>
        <button type="submit" disabled={batch.busy}>Set category</button>
      </form>
      <form onSubmit={tag} className="batch-form">
        <label htmlFor={tagField}>Tags</label>
        <input id={tagField} value={tags} onChange={(e) => setTags(e.target.value)} placeholder="e.g. holiday" />
        <button type="submit" disabled={batch.busy || !parseTags(tags).length}>Add tags</button>
      </form>
      <div className="actions">
        <button type="button" className="danger" disabled={batch.busy} onClick={() => setConfirming(true)}>
          Delete selected
        </button>
        <button type="button" onClick={onDone}>Clear selection</button>
      </div>
      {batch.error && !confirming && <ErrorNotice error={batch.error} title="Nothing was changed." />}
      {confirming && (
        <ConfirmDialog
          title={`Delete ${count}?`}
          confirmLabel="Delete"
          busy={batch.busy}
          onCancel={() => {
            batch.reset();
            setConfirming(false);
          }}
          onConfirm={() => void batch.remove().then((ok) => ok && setConfirming(false))}
        >
          <p>A transaction that is one side of a transfer deletes the whole transfer.</p>
          {batch.error && <ErrorNotice error={batch.error} title="Nothing was deleted." />}
        </ConfirmDialog>
      )}
    </section>
  );
}
