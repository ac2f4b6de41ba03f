// An audit log page as a table: when, what, on which record (its name while it exists),
// from where (IP and the browser, parsed from its user agent).
import type { AuditEventFieldsFragment } from '../../gql/graphql';
import { auditActionLabel } from '../../lib/auditActions';
import { formatDateTime } from '../../lib/dates';
import { describeUserAgent } from '../../lib/userAgent';

interface Props {
  label: string;
  events: readonly AuditEventFieldsFragment[];
}

const KINDS: Record<string, string> = {
  account: 'Account',
  budget: 'Budget',
  category: 'Category',
  rule: 'Rule',
  session: 'Session',
  transaction: 'Transaction',
  transfer: 'Transfer',
  user: 'User',
  valuation: 'Valuation',
};

/** The record acted on: its kind and name, or — once it is gone, or in another user's log —
 * the end of its id (UUIDv7 ids share their leading timestamp digits). */
function entity(event: AuditEventFieldsFragment) {
  if (!event.entityType) return <span className="muted">—</span>;
  const kind = KINDS[event.entityType] ?? event.entityType;
  if (event.entityName) {
    return (
      <>
        <span className="muted">{kind}</span> {event.entityName}
      </>
    );
  }
  return (
    <span title={event.entityId ?? undefined}>
      <span className="muted">{kind}</span> {event.entityId ? `…${event.entityId.slice(-8)}` : ''}
    </span>
  );
}

export function AuditLogTable({ label, events }: Props) {
  if (events.length === 0) return <p className="empty">No events yet.</p>;
  return (
    <div className="table-wrap" tabIndex={0}>
      <table aria-label={label} className="audit-log">
        <thead>
          <tr>
            <th scope="col">Time</th>
            <th scope="col">Action</th>
            <th scope="col">What</th>
            <th scope="col">From</th>
          </tr>
        </thead>
        <tbody>
          {events.map((event) => (
            <tr key={event.id}>
              <td className="nowrap">
                <time dateTime={event.createdAt}>{formatDateTime(event.createdAt)}</time>
              </td>
              <td>
                {auditActionLabel(event.action)}
                {event.reason && <span className="badge">{event.reason}</span>}
              </td>
              <td>{entity(event)}</td>
              <td>
                <span>{describeUserAgent(event.userAgent)}</span>
                <small className="muted sub-line">{event.ip ?? 'no IP'}</small>
                {event.userAgent && <small className="user-agent muted">{event.userAgent}</small>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
