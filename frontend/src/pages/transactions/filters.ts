// The filter form's values and what they mean to the API.
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

export const EMPTY_FILTER: FilterValues = {
  dateFrom: '',
  dateTo: '',
  accountId: '',
  categoryId: '',
  tags: '',
  search: '',
  sort: 'date-desc',
};

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
