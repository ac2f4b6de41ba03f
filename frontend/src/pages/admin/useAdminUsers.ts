// The users an administrator sees: a search (username or email contains) and keyset pages
// over it; a new search starts again at the first page.
import { useQuery } from '@apollo/client';
import { useState } from 'react';
import { useCursorPages } from '../../lib/useCursorPages';
import { AdminUsersDoc } from './operations';

export const USERS_PAGE_SIZE = 20;

export function useAdminUsers() {
  const [search, setSearchValue] = useState('');
  const pages = useCursorPages();
  const query = useQuery(AdminUsersDoc, {
    variables: { first: USERS_PAGE_SIZE, after: pages.after, search: search || null },
  });
  const connection = (query.data ?? query.previousData)?.users;
  return {
    ...query,
    connection,
    pages,
    search,
    setSearch: (value: string) => {
      setSearchValue(value.trim());
      pages.restart();
    },
  };
}
