// Settings → Security → Two-factor sign-in: set it up (TwoFactorEnrol) or, while it is on,
// new recovery codes and turning it off (TwoFactorManage). Recovery codes are shown once.
import { useApolloClient, useQuery } from '@apollo/client';
import { useState } from 'react';
import { ErrorNotice } from '../../components/ErrorNotice';
import { RecoveryCodes } from './RecoveryCodes';
import { TwoFactorEnrol } from './TwoFactorEnrol';
import { TwoFactorManage } from './TwoFactorManage';
import { TwoFactorStatusDoc } from './twoFactorOperations';

export function TwoFactorSection() {
  const client = useApolloClient();
  const { data, error, refetch } = useQuery(TwoFactorStatusDoc);
  const [codes, setCodes] = useState<string[] | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const changed = () => {
    void refetch();
    void client.refetchQueries({ include: ['MyAuditLog'] });
  };
  const showCodes = (fresh: string[]) => {
    setNotice(null);
    setCodes(fresh);
    changed();
  };

  return (
    <section className="panel" aria-labelledby="two-factor-h">
      <h3 id="two-factor-h" className="panel-title">
        Two-factor sign-in
      </h3>
      {error && <ErrorNotice error={error} />}
      {codes ? (
        <RecoveryCodes codes={codes} onDone={() => setCodes(null)} />
      ) : data?.me.twoFactorEnabled ? (
        <TwoFactorManage
          remaining={data.me.recoveryCodesRemaining}
          onNewCodes={showCodes}
          onDisabled={() => {
            setNotice('Two-factor sign-in is off.');
            changed();
          }}
        />
      ) : data ? (
        <TwoFactorEnrol onEnabled={showCodes} />
      ) : null}
      {notice && (
        <p role="status" className="notice">
          {notice}
        </p>
      )}
    </section>
  );
}
