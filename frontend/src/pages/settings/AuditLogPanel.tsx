// The viewer's own audit log, newest first, a page at a time.
import { useQuery } from '@apollo/client';
import { AuditLogTable } from '../../components/AuditLogTable';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Loading } from '../../components/Loading';
import { Pager } from '../../components/Pager';
import { useCursorPages } from '../../lib/useCursorPages';
import { MyAuditLogDoc } from './operations';

export const AUDIT_PAGE_SIZE = 20;

export function AuditLogPanel() {
  const pages = useCursorPages();
  const { data, previousData, loading, error, refetch } = useQuery(MyAuditLogDoc, {
    variables: { first: AUDIT_PAGE_SIZE, after: pages.after },
  });
  // The page shown stays while the next one loads.
  const log = (data ?? previousData)?.myAuditLog;
  return (
    <section className="panel" aria-labelledby="audit-h">
      <h3 id="audit-h" className="panel-title">Audit log</h3>
      <p className="hint">Logins, sessions and every change to your data, newest first.</p>
      {error && <ErrorNotice error={error} onRetry={() => void refetch()} />}
      {!log && loading && <Loading />}
      {log && (
        <div aria-busy={loading}>
          <AuditLogTable label="My audit log" events={log.edges.map((e) => e.node)} />
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
