// Filter and sort the transactions: date range, account, category, tags, text. Applied on
// submit, so typing does not send a request per key.
import { useId, useState, type FormEvent } from 'react';
import { Field } from '../../components/Field';
import type { TransactionsPageQuery } from '../../gql/graphql';
import { CategoryOptions } from './CategoryOptions';
import { EMPTY_FILTER, type FilterValues, type SortKey } from './filters';

interface Props {
  values: FilterValues;
  data: TransactionsPageQuery | undefined;
  onApply: (values: FilterValues) => void;
}

export function TransactionFilters({ values, data, onApply }: Props) {
  const [draft, setDraft] = useState(values);
  const tagListId = useId();
  const set = (key: keyof FilterValues) => (e: { target: { value: string } }) =>
    setDraft((d) => ({ ...d, [key]: e.target.value }));

  function submit(event: FormEvent) {
    event.preventDefault();
    onApply(draft);
  }

  return (
    <form className="filters" onSubmit={submit} aria-label="Filter transactions">
      <Field label="From">
        <input type="date" value={draft.dateFrom} onChange={set('dateFrom')} />
      </Field>
      <Field label="To">
        <input type="date" value={draft.dateTo} onChange={set('dateTo')} />
      </Field>
      <Field label="Account">
        <select value={draft.accountId} onChange={set('accountId')}>
          <option value="">All accounts</option>
          {data?.accounts.map((a) => (
            <option key={a.id} value={a.id}>
              {a.name}
            </option>
          ))}
        </select>
      </Field>
      <Field label="Category">
        <select value={draft.categoryId} onChange={set('categoryId')}>
          <option value="">All categories</option>
          {data && <CategoryOptions categories={data.categories} />}
        </select>
      </Field>
      <Field label="Tags" hint="Any of, comma-separated">
        <input list={tagListId} value={draft.tags} onChange={set('tags')} />
      </Field>
      <datalist id={tagListId}>
        {data?.tags.map((t) => <option key={t.name} value={t.name} />)}
      </datalist>
      <Field label="Description contains">
        <input type="search" value={draft.search} onChange={set('search')} />
      </Field>
      <Field label="Sort">
        <select value={draft.sort} onChange={(e) => setDraft((d) => ({ ...d, sort: e.target.value as SortKey }))}>
          <option value="date-desc">Newest first</option>
          <option value="date-asc">Oldest first</option>
          <option value="amount-desc">Largest amount first</option>
          <option value="amount-asc">Smallest amount first</option>
        </select>
      </Field>
      <div className="actions">
        <button type="submit" className="primary">
          Apply filters
        </button>
        <button
          type="button"
          onClick={() => {
            setDraft(EMPTY_FILTER);
            onApply(EMPTY_FILTER);
          }}
        >
          Clear
        </button>
      </div>
    </form>
  );
}
