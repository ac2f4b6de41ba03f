// The viewer's active sessions (this one marked), each revocable after a confirmation, and
// "Log out everywhere". Ending this session logs out here and shows the login page.
import { useState } from 'react';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Loading } from '../../components/Loading';
import { formatDateTime } from '../../lib/dates';
import { describeUserAgent } from '../../lib/userAgent';
import { SessionsTable } from './SessionsTable';
import { useSessions, type SessionRow } from './useSessions';

type Dialog = { kind: 'revoke'; row: SessionRow } | { kind: 'everywhere' };

export function SessionsPanel() {
  const sessions = useSessions();
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const close = () => {
    sessions.resetRevoke();
    sessions.resetLeave();
    setDialog(null);
  };
  const rows = sessions.data?.sessions;

  async function confirm() {
    if (!dialog) return;
    const ok = dialog.kind === 'revoke' ? await sessions.revoke(dialog.row) : await sessions.logoutEverywhere();
    if (ok) setDialog(null);
  }

  return (
    <section className="panel" aria-labelledby="sessions-h">
      <div className="page-head">
        <h3 id="sessions-h" className="panel-title">Active sessions</h3>
        <button type="button" className="danger" onClick={() => setDialog({ kind: 'everywhere' })}>
          Log out everywhere
        </button>
      </div>
      {sessions.error && <ErrorNotice error={sessions.error} onRetry={() => void sessions.refetch()} />}
      {!rows && sessions.loading && <Loading />}
      {rows && <SessionsTable rows={rows} onRevoke={(row) => setDialog({ kind: 'revoke', row })} />}
      {dialog?.kind === 'revoke' && (
        <ConfirmDialog
          title={dialog.row.current ? 'End this session?' : 'Revoke this session?'}
          confirmLabel={dialog.row.current ? 'End this session' : 'Revoke session'}
          busy={sessions.revoking}
          onCancel={close}
          onConfirm={() => void confirm()}
        >
          <p>
            {describeUserAgent(dialog.row.userAgent)}
            {dialog.row.ip ? ` · ${dialog.row.ip}` : ''} · last used {formatDateTime(dialog.row.lastUsedAt)}
          </p>
          <p>{dialog.row.current ? 'You will be logged out here.' : 'That device will have to log in again.'}</p>
          {sessions.revokeError && <ErrorNotice error={sessions.revokeError} title="The session was not revoked." />}
        </ConfirmDialog>
      )}
      {dialog?.kind === 'everywhere' && (
        <ConfirmDialog title="Log out on every device?" confirmLabel="Log out everywhere" busy={sessions.leaving} onCancel={close} onConfirm={() => void confirm()}>
          <p>Every session ends, this one too: every device, this browser included, will have to log in again.</p>
          {sessions.leaveError && <ErrorNotice error={sessions.leaveError} title="Nothing was ended." />}
        </ConfirmDialog>
      )}
    </section>
  );
}
