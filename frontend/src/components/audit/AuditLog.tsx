// An audit log, newest first, a page at a time — the one component Settings (the viewer's
// own log) and Admin (a user's log) both show.
import { ErrorNotice } from '../ErrorNotice';
import { Loading } from '../Loading';
import { Pager } from '../Pager';
import { AuditLogTable } from './AuditLogTable';
import { useAuditLog, type AuditLogSource } from './useAuditLog';

interface Props {
  source: AuditLogSource;
  /** The table's accessible name, e.g. "My audit log". */
  label: string;
}

export function AuditLog({ source, label }: Props) {
  const { page, pages, loading, error, refetch } = useAuditLog(source);
  return (
    <>
      {error && <ErrorNotice error={error} onRetry={refetch} />}
      {!page && loading && <Loading />}
      {page && (
        <div aria-busy={loading}>
          <AuditLogTable label={label} events={page.edges.map((e) => e.node)} />
          <Pager
            label="Audit log pages"
            hasPrevious={pages.hasPrevious}
            hasNext={page.pageInfo.hasNextPage}
            busy={loading}
            onPrevious={pages.previous}
            onNext={() => pages.next(page.pageInfo.endCursor)}
          >
            Page {pages.page}
          </Pager>
        </div>
      )}
    </>
  );
}
