// Live updates while logged in (mounted once, in the Layout): a ledger change refetches the
// pages' ledger queries (bounded, see refetch.ts; the touched rows are already updated in
// Apollo's cache by the event itself), a budget crossing 80 % or 100 % this month shows a
// notice, and this session's end — revoked elsewhere, logged out everywhere, password
// changed, account disabled — returns to the login page saying why. Subscriptions that
// failed for good start again after a backoff.
import { useApolloClient, useSubscription } from '@apollo/client';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useAuth } from '../auth/AuthContext';
import { IconButton } from '../components/IconButton';
import { sessionEndedMessage, thresholdMessage } from './messages';
import { BudgetThresholdCrossedDoc, LedgerChangedDoc, SessionEndedDoc } from './operations';
import { ledgerRefetch } from './refetch';
import { backoffDelay } from './socket';

/** At most this many notices stay on screen (the newest). */
const MAX_NOTICES = 3;

interface Notice {
  key: string;
  text: string;
}

export function LiveUpdates() {
  const [notices, setNotices] = useState<Notice[]>([]);
  const [generation, failed] = useRestarts();
  const notify = useCallback((notice: Notice) => {
    setNotices((shown) => [...shown.filter((n) => n.key !== notice.key), notice].slice(-MAX_NOTICES));
  }, []);

  return (
    <div className="live-notices" role="status" aria-label="Budget alerts">
      <Subscriptions key={generation} onNotice={notify} onFailed={failed} />
      {notices.map((notice) => (
        <p key={notice.key} className="notice">
          <span>{notice.text}</span>
          <IconButton icon="check" label="Dismiss" onClick={() => setNotices((shown) => shown.filter((n) => n.key !== notice.key))} />
        </p>
      ))}
    </div>
  );
}

/**
 * Subscriptions that ended for good — a close code graphql-ws does not retry (4500 while the
 * database is away, 4429 at the user's connection limit), a refused document — start again
 * after a backoff (to 30 s), and the pages catch up on what they missed meanwhile.
 */
function useRestarts(): [number, () => void] {
  const client = useApolloClient();
  const [generation, setGeneration] = useState(0);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const failures = useRef(0);
  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );
  const failed = useCallback(() => {
    if (timer.current) return; // the three subscriptions fail together: one restart
    timer.current = setTimeout(() => {
      timer.current = null;
      failures.current += 1;
      setGeneration((g) => g + 1);
      ledgerRefetch(client).schedule();
    }, backoffDelay(failures.current));
  }, [client]);
  return [generation, failed];
}

interface SubscriptionsProps {
  onNotice: (notice: Notice) => void;
  onFailed: () => void;
}

function Subscriptions({ onNotice, onFailed }: SubscriptionsProps) {
  const client = useApolloClient();
  const auth = useAuth();

  useSubscription(LedgerChangedDoc, {
    ignoreResults: true,
    onData: () => ledgerRefetch(client).schedule(),
    onError: onFailed,
  });
  useSubscription(BudgetThresholdCrossedDoc, {
    ignoreResults: true,
    onData: ({ data }) => {
      const crossed = data.data?.budgetThresholdCrossed;
      if (!crossed) return;
      onNotice({ key: `${crossed.line.budget.id}|${crossed.month}|${crossed.thresholdPercent}`, text: thresholdMessage(crossed) });
    },
    onError: onFailed,
  });
  useSubscription(SessionEndedDoc, {
    ignoreResults: true,
    onData: ({ data }) => {
      const reason = data.data?.sessionEnded.reason;
      if (reason) auth.endedElsewhere(sessionEndedMessage(reason));
    },
    onError: onFailed,
  });
  return null;
}
