// One bar of filters over the transactions: dates, account, category, tags, text and the
// order. It applies as you go — at once for a choice, a moment after typing stops for
// text — and lives in the URL (see useFilterParams).
import { useId, useState } from 'react';
import { DebouncedInput } from '../../components/DebouncedInput';
import { Field } from '../../components/Field';
import type { TransactionsPageQuery } from '../../gql/graphql';
import { CategoryOptions } from './CategoryOptions';
import { EMPTY_FILTER, isFiltered, type FilterValues, type SortKey } from './filters';

interface Props {
  values: FilterValues;
  data: TransactionsPageQuery | undefined;
  onChange: (values: FilterValues) => void;
}

export function TransactionFilters({ values, data, onChange }: Props) {
  const tagListId = useId();
  // On a phone only the text search shows until "More filters" opens the rest.
  const [more, setMore] = useState(false);
  const set = (key: keyof FilterValues) => (value: string) => onChange({ ...values, [key]: value });
  const pick = (key: keyof FilterValues) => (e: { target: { value: string } }) => set(key)(e.target.value);

  return (
    <search className={more ? 'filters more' : 'filters'} aria-label="Filter transactions">
      <Field label="Description contains">
        <DebouncedInput type="search" value={values.search} onValue={set('search')} />
      </Field>
      <div className="filter-toggle">
        <button type="button" aria-expanded={more} onClick={() => setMore((m) => !m)}>
          {more ? 'Fewer filters' : 'More filters'}
        </button>
      </div>
      <Field label="From">
        <input type="date" value={values.dateFrom} onChange={pick('dateFrom')} />
      </Field>
      <Field label="To">
        <input type="date" value={values.dateTo} onChange={pick('dateTo')} />
      </Field>
      <Field label="Account">
        <select value={values.accountId} onChange={pick('accountId')}>
          <option value="">All accounts</option>
          {data?.accounts.map((a) => (
            <option key={a.id} value={a.id}>
              {a.name}
            </option>
          ))}
        </select>
      </Field>
      <Field label="Category">
        <select value={values.categoryId} onChange={pick('categoryId')}>
          <option value="">All categories</option>
          {data && <CategoryOptions categories={data.categories} />}
        </select>
      </Field>
      <Field label="Tags (any of)">
        <DebouncedInput list={tagListId} value={values.tags} onValue={set('tags')} placeholder="food, travel" />
      </Field>
      <datalist id={tagListId}>
        {data?.tags.map((t) => <option key={t.name} value={t.name} />)}
      </datalist>
      <Field label="Sort">
        <select value={values.sort} onChange={(e) => onChange({ ...values, sort: e.target.value as SortKey })}>
          <option value="date-desc">Newest first</option>
          <option value="date-asc">Oldest first</option>
          <option value="amount-desc">Largest amount first</option>
          <option value="amount-asc">Smallest amount first</option>
        </select>
      </Field>
      <div className="filter-actions">
        <button type="button" disabled={!isFiltered(values)} onClick={() => onChange({ ...EMPTY_FILTER, sort: values.sort })}>
          Clear filters
        </button>
      </div>
    </search>
  );
}
