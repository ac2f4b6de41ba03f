// The transaction filters as they live in the URL (`?from=…&account=…&q=…`, so the back
// button and a shared link work) and what they mean to the API.
import type { TransactionFilter, TransactionOrder } from '../../gql/graphql';

export interface FilterValues {
  dateFrom: string;
  dateTo: string;
  accountId: string;
  categoryId: string;
  tags: string;
  search: string;
  sort: SortKey;
}

export type SortKey = 'date-desc' | 'date-asc' | 'amount-desc' | 'amount-asc';

const SORTS: readonly SortKey[] = ['date-desc', 'date-asc', 'amount-desc', 'amount-asc'];

export const EMPTY_FILTER: FilterValues = {
  dateFrom: '',
  dateTo: '',
  accountId: '',
  categoryId: '',
  tags: '',
  search: '',
  sort: 'date-desc',
};

/** URL parameter of each value. */
const PARAMS: Record<keyof FilterValues, string> = {
  dateFrom: 'from',
  dateTo: 'to',
  accountId: 'account',
  categoryId: 'category',
  tags: 'tags',
  search: 'q',
  sort: 'sort',
};

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The filter a URL's query names; anything malformed is left out. */
export function fromParams(params: URLSearchParams): FilterValues {
  const get = (key: keyof FilterValues) => params.get(PARAMS[key]) ?? '';
  const date = (key: 'dateFrom' | 'dateTo') => (DATE.test(get(key)) ? get(key) : '');
  const sort = get('sort') as SortKey;
  return {
    dateFrom: date('dateFrom'),
    dateTo: date('dateTo'),
    accountId: get('accountId'),
    categoryId: get('categoryId'),
    tags: get('tags'),
    search: get('search'),
    sort: SORTS.includes(sort) ? sort : 'date-desc',
  };
}

/** The URL query of a filter: only the values that differ from the defaults. */
export function toParams(values: FilterValues): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of Object.keys(PARAMS) as (keyof FilterValues)[]) {
    const value = values[key];
    if (value && value !== EMPTY_FILTER[key]) params.set(PARAMS[key], value);
  }
  return params;
}

/** Whether anything narrows the list (the sort does not). */
export function isFiltered(values: FilterValues): boolean {
  return (Object.keys(PARAMS) as (keyof FilterValues)[]).some((k) => k !== 'sort' && values[k] !== '');
}

/** "food, Travel ," → ["food", "travel"]: as the API stores tags (trimmed, lower case). */
export function parseTags(text: string): string[] {
  return [...new Set(text.split(',').map((t) => t.trim().toLowerCase()).filter(Boolean))];
}

export function toFilter(v: FilterValues): TransactionFilter {
  const tags = parseTags(v.tags);
  return {
    ...(v.dateFrom ? { dateFrom: v.dateFrom } : {}),
    ...(v.dateTo ? { dateTo: v.dateTo } : {}),
    ...(v.accountId ? { accountIds: [v.accountId] } : {}),
    ...(v.categoryId ? { categoryIds: [v.categoryId] } : {}),
    ...(tags.length ? { tags } : {}),
    ...(v.search.trim() ? { search: v.search.trim() } : {}),
  };
}

export function toOrder(sort: SortKey): TransactionOrder {
  const [field, direction] = sort.split('-') as ['date' | 'amount', 'desc' | 'asc'];
  return {
    field: field === 'date' ? 'DATE' : 'AMOUNT',
    direction: direction === 'desc' ? 'DESC' : 'ASC',
  };
}
