// Settings: the profile (username, base currency; email with the password), security
// (password, sessions, audit log), export my data, delete my account.
import { useQuery } from '@apollo/client';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Loading } from '../../components/Loading';
import { formatDate } from '../../lib/dates';
import { DeleteAccountSection } from './DeleteAccountSection';
import { EmailForm } from './EmailForm';
import { ExportDataSection } from './ExportDataSection';
import { SettingsPageDoc } from './operations';
import { ProfileForm } from './ProfileForm';
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
          <p className="hint">
            {data.me.email} · member since {formatDate(data.me.createdAt.slice(0, 10))}
          </p>
          <div className="columns">
            <ProfileForm username={data.me.username} baseCurrency={data.me.baseCurrency} />
            <EmailForm />
          </div>
        </section>
      )}
      <SecuritySection />
      <ExportDataSection />
      <DeleteAccountSection />
    </>
  );
}
