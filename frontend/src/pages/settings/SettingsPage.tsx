// Settings: the profile, security (password, sessions, audit log), export my data, delete
// my account.
import { useQuery } from '@apollo/client';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Loading } from '../../components/Loading';
import { formatDate } from '../../lib/dates';
import { DeleteAccountSection } from './DeleteAccountSection';
import { ExportDataSection } from './ExportDataSection';
import { SettingsPageDoc } from './operations';
import { SecuritySection } from './SecuritySection';

export function SettingsPage() {
  const { data, loading, error, refetch } = useQuery(SettingsPageDoc);
  return (
    <>
      <div className="page-head">
        <h1>Settings</h1>
      </div>
      {error && <ErrorNotice error={error} onRetry={() => void refetch()} />}
      {!data && loading && <Loading />}
      {data && (
        <section className="panel" aria-labelledby="profile-h">
          <h2 id="profile-h">Profile</h2>
          <dl className="facts">
            <dt>Username</dt>
            <dd>{data.me.username}</dd>
            <dt>Email</dt>
            <dd>{data.me.email}</dd>
            <dt>Base currency</dt>
            <dd>{data.me.baseCurrency}</dd>
            <dt>Member since</dt>
            <dd>{formatDate(data.me.createdAt.slice(0, 10))}</dd>
          </dl>
        </section>
      )}
      <SecuritySection />
      <ExportDataSection />
      <DeleteAccountSection />
    </>
  );
}
