// Live updates while logged in (mounted once, in the Layout): a ledger change refetches the
// pages' ledger queries (bounded, see refetch.ts; the touched rows are already updated in
// Apollo's cache by the event itself), a budget crossing 80 % or 100 % this month shows a
// notice, and this session's end — revoked elsewhere, logged out everywhere, password
// changed, account disabled — returns to the login page saying why.
import { useApolloClient, useSubscription } from '@apollo/client';
import { useState } from 'react';
import { useAuth } from '../auth/AuthContext';
import { IconButton } from '../components/IconButton';
import { sessionEndedMessage, thresholdMessage } from './messages';
import { BudgetThresholdCrossedDoc, LedgerChangedDoc, SessionEndedDoc } from './operations';
import { ledgerRefetch } from './refetch';

/** At most this many notices stay on screen (the newest). */
const MAX_NOTICES = 3;

interface Notice {
  key: string;
  text: string;
}

export function LiveUpdates() {
  const client = useApolloClient();
  const auth = useAuth();
  const [notices, setNotices] = useState<Notice[]>([]);

  useSubscription(LedgerChangedDoc, {
    ignoreResults: true,
    onData: () => ledgerRefetch(client).schedule(),
  });
  useSubscription(BudgetThresholdCrossedDoc, {
    ignoreResults: true,
    onData: ({ data }) => {
      const crossed = data.data?.budgetThresholdCrossed;
      if (!crossed) return;
      const key = `${crossed.line.budget.id}|${crossed.month}|${crossed.thresholdPercent}`;
      const notice = { key, text: thresholdMessage(crossed) };
      setNotices((shown) => [...shown.filter((n) => n.key !== key), notice].slice(-MAX_NOTICES));
    },
  });
  useSubscription(SessionEndedDoc, {
    ignoreResults: true,
    onData: ({ data }) => {
      const reason = data.data?.sessionEnded.reason;
      if (reason) auth.endedElsewhere(sessionEndedMessage(reason));
    },
  });

  return (
    <div className="live-notices" role="status" aria-label="Budget alerts">
      {notices.map((notice) => (
        <p key={notice.key} className="notice">
          <span>{notice.text}</span>
          <IconButton icon="check" label="Dismiss" onClick={() => setNotices((shown) => shown.filter((n) => n.key !== notice.key))} />
        </p>
      ))}
    </div>
  );
}
