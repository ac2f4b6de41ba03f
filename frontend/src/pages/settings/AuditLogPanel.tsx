// The viewer's own audit log, newest first, a page at a time.
import { AuditLog } from '../../components/audit/AuditLog';

export function AuditLogPanel() {
  return (
    <section className="panel" aria-labelledby="audit-h">
      <h3 id="audit-h" className="panel-title">Audit log</h3>
      <p className="hint">Logins, sessions and every change to your data, newest first.</p>
      <AuditLog source={{ kind: 'mine' }} label="My audit log" />
    </section>
  );
}
