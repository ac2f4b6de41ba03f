// Who may see the admin pages: the API's answer to `me { role }` (USER | ADMIN). The
// server checks the role on every admin field anyway; this only decides what to show.
import { useQuery } from '@apollo/client';
import type { Role } from '../gql/graphql';
import { ViewerDoc } from './operations';

export function isAdmin(role: Role | null | undefined): boolean {
  return role === 'ADMIN';
}

/** The viewer's role from `me { role }`: undefined while loading, null when it failed; and
 * the username as the API has it now (it follows a profile change). */
export function useViewerRole(): { role: Role | null | undefined; loading: boolean; username?: string } {
  const { data, loading, error } = useQuery(ViewerDoc, { fetchPolicy: 'cache-first' });
  if (data) return { role: data.me.role, loading: false, username: data.me.username };
  return { role: error ? null : undefined, loading };
}
