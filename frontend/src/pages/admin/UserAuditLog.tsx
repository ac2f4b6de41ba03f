// One user's audit log for an administrator, newest first, a page at a time: what
// happened to the account, never the finance data itself (no names of records).
import { AuditLog } from '../../components/audit/AuditLog';
import type { AdminUserFieldsFragment } from '../../gql/graphql';

interface Props {
  user: AdminUserFieldsFragment;
  onClose: () => void;
}

export function UserAuditLog({ user, onClose }: Props) {
  return (
    <section className="panel" aria-labelledby="user-log-h">
      <div className="page-head">
        <h2 id="user-log-h">Audit log of {user.username}</h2>
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
      <AuditLog source={{ kind: 'user', userId: user.id }} label={`Audit log of ${user.username}`} />
    </section>
  );
}
