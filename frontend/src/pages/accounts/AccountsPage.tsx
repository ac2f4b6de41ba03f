// Accounts: balances, open a new one, edit, archive or reopen, make default, delete (an
// account with transactions is archived instead, so no history is lost).
import { useMutation, useQuery } from '@apollo/client';
import { useState } from 'react';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ErrorNotice } from '../../components/ErrorNotice';
import { IconButton } from '../../components/IconButton';
import { Loading } from '../../components/Loading';
import { Modal } from '../../components/Modal';
import { Money } from '../../components/Money';
import type { AccountFieldsFragment } from '../../gql/graphql';
import { kindLabel } from '../../lib/accountKinds';
import { AccountForm } from './AccountForm';
import { AccountsPageDoc, DeleteAccountDoc, UpdateAccountDoc } from './operations';

type Dialog = { kind: 'add' } | { kind: 'edit'; account: AccountFieldsFragment } | { kind: 'delete'; account: AccountFieldsFragment };

export function AccountsPage() {
  const { data, loading, error, refetch } = useQuery(AccountsPageDoc);
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [update, updating] = useMutation(UpdateAccountDoc, { refetchQueries: 'active' });
  const [remove, removal] = useMutation(DeleteAccountDoc, { refetchQueries: 'active', awaitRefetchQueries: true });
  const close = () => setDialog(null);

  return (
    <>
      <div className="page-head">
        <h1>Accounts</h1>
        <button type="button" className="primary" disabled={!data} onClick={() => setDialog({ kind: 'add' })}>Open an account</button>
      </div>
      {error && <ErrorNotice error={error} onRetry={() => void refetch()} />}
      {updating.error && <ErrorNotice error={updating.error} title="The account could not be changed." />}
      {notice && <p role="status" className="notice">{notice}</p>}
      {!data && loading && <Loading />}
      {data && (
        <div className="table-wrap" tabIndex={0}>
          <table>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Kind</th>
                <th scope="col">Institution</th>
                <th scope="col" className="num">Balance</th>
                <th scope="col" className="actions-cell"><span className="sr-only">Actions</span></th>
              </tr>
            </thead>
            <tbody>
              {data.accounts.map((a) => (
                <tr key={a.id} className={a.archived ? 'archived' : undefined}>
                  <th scope="row">
                    {a.name}
                    {a.isDefault && <span className="badge">Default</span>}
                    {a.archived && <span className="badge muted">Archived</span>}
                  </th>
                  <td>{kindLabel(a.kind)}</td>
                  <td>{a.institution ?? <span className="muted">—</span>}</td>
                  <td className="num"><Money amount={a.balance} currency={a.currency} /></td>
                  <td className="actions-cell">
                    <div className="row-actions">
                      <IconButton icon="edit" label={`Edit ${a.name}`} onClick={() => setDialog({ kind: 'edit', account: a })} />
                      {!a.isDefault && !a.archived && (
                        <IconButton icon="star" label={`Make ${a.name} the default account`} onClick={() => void update({ variables: { id: a.id, input: { isDefault: true } } }).catch(() => undefined)} />
                      )}
                      {!a.isDefault && (
                        <IconButton icon={a.archived ? 'unarchive' : 'archive'} label={`${a.archived ? 'Reopen' : 'Archive'} ${a.name}`} onClick={() => void update({ variables: { id: a.id, input: { archived: !a.archived } } }).catch(() => undefined)} />
                      )}
                      {!a.isDefault && <IconButton icon="delete" danger label={`Delete ${a.name}`} onClick={() => setDialog({ kind: 'delete', account: a })} />}
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {data && dialog?.kind === 'add' && (
        <Modal title="Open an account" onClose={close}>
          <AccountForm baseCurrency={data.me.baseCurrency} onDone={close} />
        </Modal>
      )}
      {data && dialog?.kind === 'edit' && (
        <Modal title={`Edit ${dialog.account.name}`} onClose={close}>
          <AccountForm baseCurrency={data.me.baseCurrency} editing={dialog.account} onDone={close} />
        </Modal>
      )}
      {dialog?.kind === 'delete' && (
        <ConfirmDialog
          title={`Delete ${dialog.account.name}?`}
          confirmLabel="Delete"
          busy={removal.loading}
          onCancel={close}
          onConfirm={() =>
            void remove({ variables: { id: dialog.account.id } })
              .then((r) => {
                if (r.data) setNotice(r.data.deleteAccount.archived ? `${dialog.account.name} has transactions, so it was archived instead of deleted.` : `${dialog.account.name} was deleted.`);
                close();
              })
              .catch(() => undefined)
          }
        >
          <p>An account with transactions is archived instead, so no history is lost.</p>
          {removal.error && <ErrorNotice error={removal.error} title="It could not be deleted." />}
        </ConfirmDialog>
      )}
    </>
  );
}
