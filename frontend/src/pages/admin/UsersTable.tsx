// The users as a table: who, role, status (active, disabled, locked), when they joined and
// last logged in, failed logins; per row the role change, disable/enable and the audit log.
import { IconButton } from '../../components/IconButton';
import type { AdminUserFieldsFragment } from '../../gql/graphql';
import { formatDateTime } from '../../lib/dates';
import type { UserChange } from './useUserChanges';

interface Props {
  users: readonly AdminUserFieldsFragment[];
  viewerId: string | null;
  onChange: (change: UserChange) => void;
  onShowLog: (user: AdminUserFieldsFragment) => void;
}

function status(user: AdminUserFieldsFragment) {
  if (user.disabled) {
    return <span className="status-disabled">Disabled{user.disabledAt ? ` since ${formatDateTime(user.disabledAt)}` : ''}</span>;
  }
  if (user.lockedUntil) return <span>Locked until {formatDateTime(user.lockedUntil)}</span>;
  return <span>Active</span>;
}

export function UsersTable({ users, viewerId, onChange, onShowLog }: Props) {
  if (users.length === 0) return <p className="empty">No users match.</p>;
  return (
    <div className="table-wrap" tabIndex={0}>
      <table aria-label="Users" className="users">
        <thead>
          <tr>
            <th scope="col">User</th>
            <th scope="col">Role</th>
            <th scope="col">Status</th>
            <th scope="col">Joined</th>
            <th scope="col">Last login</th>
            <th scope="col" className="num">Failed logins</th>
            <th scope="col" className="actions-cell">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {users.map((user) => {
            const self = user.id === viewerId;
            const otherRole = user.role === 'ADMIN' ? 'USER' : 'ADMIN';
            return (
              <tr key={user.id} className={user.disabled ? 'archived' : undefined}>
                <th scope="row">
                  {user.username}
                  {self && <span className="badge">you</span>}
                  <small className="muted sub-line">{user.email}</small>
                </th>
                <td>{user.role === 'ADMIN' ? 'Admin' : 'User'}</td>
                <td>{status(user)}</td>
                <td className="nowrap">{formatDateTime(user.createdAt)}</td>
                <td className="nowrap">{user.lastLoginAt ? formatDateTime(user.lastLoginAt) : 'Never'}</td>
                <td className="num">{user.failedLogins}</td>
                <td className="actions-cell">
                  <div className="row-actions">
                    <IconButton
                      icon={otherRole === 'ADMIN' ? 'shield' : 'user'}
                      label={`Make ${user.username} ${otherRole === 'ADMIN' ? 'an admin' : 'a user'}`}
                      onClick={() => onChange({ kind: 'role', user, role: otherRole })}
                    />
                    {user.disabled ? (
                      <IconButton icon="check" label={`Enable ${user.username}`} onClick={() => onChange({ kind: 'enable', user })} />
                    ) : (
                      !self && <IconButton icon="block" danger label={`Disable ${user.username}`} onClick={() => onChange({ kind: 'disable', user })} />
                    )}
                    <IconButton icon="log" label={`Audit log of ${user.username}`} onClick={() => onShowLog(user)} />
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
