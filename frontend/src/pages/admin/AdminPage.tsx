// Admin: every user (search, keyset pages), role changes and disable/enable after a
// confirmation, and a user's audit log. The route renders this only for `me.role ==
// ADMIN`; the API checks the role on every field regardless.
import { useQuery } from '@apollo/client';
import { useState } from 'react';
import { ViewerDoc } from '../../auth/operations';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Loading } from '../../components/Loading';
import { Pager } from '../../components/Pager';
import type { AdminUserFieldsFragment } from '../../gql/graphql';
import { ConfirmUserChange } from './ConfirmUserChange';
import { USERS_PAGE_SIZE, useAdminUsers } from './useAdminUsers';
import { useUserChanges, type UserChange } from './useUserChanges';
import { UserAuditLog } from './UserAuditLog';
import { UserSearch } from './UserSearch';
import { UsersTable } from './UsersTable';

export function AdminPage() {
  const users = useAdminUsers();
  const changes = useUserChanges();
  const viewer = useQuery(ViewerDoc, { fetchPolicy: 'cache-first' });
  const [pending, setPending] = useState<UserChange | null>(null);
  const [logOf, setLogOf] = useState<AdminUserFieldsFragment | null>(null);
  const connection = users.connection;
  const pages = connection ? Math.max(1, Math.ceil(connection.totalCount / USERS_PAGE_SIZE)) : 1;

  const cancel = () => {
    changes.reset();
    setPending(null);
  };
  async function confirm() {
    if (pending && (await changes.apply(pending, logOf !== null))) setPending(null);
  }

  return (
    <>
      <div className="page-head">
        <h1>Admin</h1>
      </div>
      <section className="panel" aria-labelledby="users-h">
        <h2 id="users-h">Users</h2>
        <UserSearch value={users.search} onSearch={users.setSearch} />
        {users.error && <ErrorNotice error={users.error} onRetry={() => void users.refetch()} />}
        {!connection && users.loading && <Loading />}
        {connection && (
          <div aria-busy={users.loading}>
            <UsersTable
              users={connection.edges.map((e) => e.node)}
              viewerId={viewer.data?.me.id ?? null}
              onChange={(change) => {
                changes.reset();
                setPending(change);
              }}
              onShowLog={setLogOf}
            />
            <Pager
              label="User pages"
              hasPrevious={users.pages.hasPrevious}
              hasNext={connection.pageInfo.hasNextPage}
              busy={users.loading}
              onPrevious={users.pages.previous}
              onNext={() => users.pages.next(connection.pageInfo.endCursor)}
            >
              Page {users.pages.page} of {pages} · {connection.totalCount} user{connection.totalCount === 1 ? '' : 's'}
            </Pager>
          </div>
        )}
      </section>
      {logOf && <UserAuditLog key={logOf.id} user={logOf} onClose={() => setLogOf(null)} />}
      {pending && <ConfirmUserChange change={pending} busy={changes.busy} error={changes.error} onCancel={cancel} onConfirm={() => void confirm()} />}
    </>
  );
}
