// One user's audit log for an administrator, newest first, a page at a time: what
// happened to the account, never the finance data itself.
import { useQuery } from '@apollo/client';
import { AuditLogTable } from '../../components/AuditLogTable';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Loading } from '../../components/Loading';
import { Pager } from '../../components/Pager';
import type { AdminUserFieldsFragment } from '../../gql/graphql';
import { useCursorPages } from '../../lib/useCursorPages';
import { UserAuditLogDoc } from './operations';

const PAGE_SIZE = 20;

interface Props {
  user: AdminUserFieldsFragment;
  onClose: () => void;
}

export function UserAuditLog({ user, onClose }: Props) {
  const pages = useCursorPages();
  const { data, previousData, loading, error, refetch } = useQuery(UserAuditLogDoc, {
    variables: { userId: user.id, first: PAGE_SIZE, after: pages.after },
  });
  const log = (data ?? previousData)?.userAuditLog;
  return (
    <section className="panel" aria-labelledby="user-log-h">
      <div className="page-head">
        <h2 id="user-log-h">Audit log of {user.username}</h2>
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
      {error && <ErrorNotice error={error} onRetry={() => void refetch()} />}
      {!log && loading && <Loading />}
      {log && (
        <div aria-busy={loading}>
          <AuditLogTable label={`Audit log of ${user.username}`} events={log.edges.map((e) => e.node)} />
          <Pager
            label="Audit log pages"
            hasPrevious={pages.hasPrevious}
            hasNext={log.pageInfo.hasNextPage}
            busy={loading}
            onPrevious={pages.previous}
            onNext={() => pages.next(log.pageInfo.endCursor)}
          >
            Page {pages.page}
          </Pager>
        </div>
      )}
    </section>
  );
}
