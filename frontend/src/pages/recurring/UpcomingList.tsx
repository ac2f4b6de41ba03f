// A list of upcoming dates of recurring schedules (the Overview's panel and the Recurring
// page): date, description, amount, and what happened to it.
import { Money } from '../../components/Money';
import type { OccurrenceFieldsFragment } from '../../gql/graphql';
import { formatDate } from '../../lib/dates';

const STATUS: Record<string, string> = {
  PLANNED: 'Planned',
  EDITED: 'Edited',
  DUE: 'Waiting for you',
  POSTED: 'Recorded',
  SKIPPED: 'Skipped',
  FAILED: 'Failed',
};

export function UpcomingList({ items, label }: { items: OccurrenceFieldsFragment[]; label: string }) {
  return (
    <div className="table-wrap" tabIndex={0}>
      <table aria-label={label}>
        <thead>
          <tr>
            <th scope="col">Date</th>
            <th scope="col">Description</th>
            <th scope="col" className="num">Amount</th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          {items.map((o) => (
            <tr key={`${o.scheduleId}-${o.date}`}>
              <td>{formatDate(o.postDate)}</td>
              <td>{o.description}</td>
              <td className="num"><Money amount={o.amount} currency={o.currency} /></td>
              <td>{STATUS[o.status] ?? o.status}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
