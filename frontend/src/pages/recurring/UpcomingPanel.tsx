// The Overview's panel: the next 30 days of recurring transactions, from its own query.
import { useQuery } from '@apollo/client';
import { Link } from 'react-router';
import { EmptyState } from '../../components/EmptyState';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Loading } from '../../components/Loading';
import { nextThirtyDays } from './dates';
import { UpcomingDoc } from './operations';
import { UpcomingList } from './UpcomingList';

export function UpcomingPanel() {
  const { data, loading, error, refetch } = useQuery(UpcomingDoc, { variables: nextThirtyDays() });
  return (
    <section className="panel" aria-labelledby="upcoming-h">
      <h2 id="upcoming-h">Next 30 days</h2>
      {error && <ErrorNotice error={error} onRetry={() => void refetch()} />}
      {!data && loading && <Loading />}
      {data && data.upcomingOccurrences.length === 0 && (
        <EmptyState title="Nothing recurring in the next 30 days." actions={<Link to="/recurring" className="button-link">Set up a recurring transaction</Link>} />
      )}
      {data && data.upcomingOccurrences.length > 0 && <UpcomingList items={data.upcomingOccurrences} label="Next 30 days" />}
    </section>
  );
}
