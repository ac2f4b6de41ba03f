// A page of an audit log and its keyset paging: the viewer's own (`mine`) or, for an
// administrator, one user's. Both read the same `AuditLogPage` shape; the page shown stays
// while the next one loads.
import { useQuery } from '@apollo/client';
import { useCursorPages } from '../../lib/useCursorPages';
import { MyAuditLogDoc, UserAuditLogDoc } from './operations';

export const AUDIT_PAGE_SIZE = 20;

export type AuditLogSource = { kind: 'mine' } | { kind: 'user'; userId: string };

export function useAuditLog(source: AuditLogSource) {
  const pages = useCursorPages();
  const common = { first: AUDIT_PAGE_SIZE, after: pages.after };
  const mine = useQuery(MyAuditLogDoc, { variables: common, skip: source.kind !== 'mine' });
  const user = useQuery(UserAuditLogDoc, {
    variables: { ...common, userId: source.kind === 'user' ? source.userId : '' },
    skip: source.kind !== 'user',
  });
  const page =
    source.kind === 'mine'
      ? (mine.data ?? mine.previousData)?.myAuditLog
      : (user.data ?? user.previousData)?.userAuditLog;
  const query = source.kind === 'mine' ? mine : user;
  return {
    page,
    pages,
    loading: query.loading,
    error: query.error,
    refetch: () => void query.refetch(),
  };
}
