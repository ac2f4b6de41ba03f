// An audit log page as a table: when, what, on which record, from where.
import type { AuditEventFieldsFragment } from '../gql/graphql';
import { auditActionLabel } from '../lib/auditActions';
import { formatDateTime } from '../lib/dates';

interface Props {
  label: string;
  events: readonly AuditEventFieldsFragment[];
}

/** The entity's kind and the end of its id: ids are UUIDv7, whose first digits are a
 * timestamp and alike for everything made in the same minutes (the full id is the title). */
function entity(event: AuditEventFieldsFragment): string {
  if (!event.entityType) return '—';
  return event.entityId ? `${event.entityType} …${event.entityId.slice(-8)}` : event.entityType;
}

export function AuditLogTable({ label, events }: Props) {
  if (events.length === 0) return <p className="empty">No events yet.</p>;
  return (
    <div className="table-wrap">
      <table aria-label={label} className="audit-log">
        <thead>
          <tr>
            <th scope="col">Time</th>
            <th scope="col">Action</th>
            <th scope="col">Entity</th>
            <th scope="col">IP</th>
            <th scope="col">User agent</th>
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
              <td title={event.entityId ?? undefined}>{entity(event)}</td>
              <td className="nowrap">{event.ip ?? '—'}</td>
              <td className="user-agent">{event.userAgent ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
