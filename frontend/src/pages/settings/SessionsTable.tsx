// The sessions as a table: the device (a short name and the full User-Agent), IP, when it
// signed in and was last used; this session is marked. Each row has its revoke button.
import { IconButton } from '../../components/IconButton';
import { formatDateTime } from '../../lib/dates';
import { describeUserAgent } from '../../lib/userAgent';
import type { SessionRow } from './useSessions';

interface TableProps {
  rows: readonly SessionRow[];
  onRevoke: (row: SessionRow) => void;
}

export function SessionsTable({ rows, onRevoke }: TableProps) {
  if (rows.length === 0) return <p className="empty">No active sessions.</p>;
  return (
    <div className="table-wrap" tabIndex={0}>
      <table aria-label="Active sessions" className="sessions">
        <thead>
          <tr>
            <th scope="col">Device</th>
            <th scope="col">IP</th>
            <th scope="col">Signed in</th>
            <th scope="col">Last used</th>
            <th scope="col" className="actions-cell">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const device = describeUserAgent(row.userAgent);
            return (
              <tr key={row.id} className={row.current ? 'current' : undefined} aria-current={row.current ? 'true' : undefined}>
                <th scope="row">
                  {device}
                  {row.current && <span className="badge">This session</span>}
                  {row.userAgent && <small className="user-agent muted">{row.userAgent}</small>}
                </th>
                <td className="nowrap">{row.ip ?? '—'}</td>
                <td className="nowrap">{formatDateTime(row.createdAt)}</td>
                <td className="nowrap">{formatDateTime(row.lastUsedAt)}</td>
                <td className="actions-cell">
                  <div className="row-actions">
                    <IconButton
                      icon="revoke"
                      danger
                      label={row.current ? 'End this session' : `Revoke the session of ${device}, last used ${formatDateTime(row.lastUsedAt)}`}
                      onClick={() => onRevoke(row)}
                    />
                  </div>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
