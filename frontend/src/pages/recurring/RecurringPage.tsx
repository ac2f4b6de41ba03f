// Recurring transactions: suggested dates waiting for an answer (confirm or skip), the
// schedules with their next dates (edit, skip the next date, delete), the next 30 days,
// and the form to add or edit one.
import { useMutation, useQuery } from '@apollo/client';
import { useState } from 'react';
import { EmptyState } from '../../components/EmptyState';
import { ErrorNotice } from '../../components/ErrorNotice';
import { IconButton } from '../../components/IconButton';
import { Loading } from '../../components/Loading';
import { Money } from '../../components/Money';
import type { RecurringPageQuery } from '../../gql/graphql';
import { formatDate } from '../../lib/dates';
import { nextThirtyDays } from './dates';
import { ConfirmOccurrenceDoc, DeleteRecurringDoc, RecurringPageDoc, SkipOccurrenceDoc } from './operations';
import { RecurringForm } from './RecurringForm';
import { WEEKDAYS } from './scheduleForm';
import { UpcomingList } from './UpcomingList';

type Schedule = RecurringPageQuery['recurringSchedules'][number];

const UNITS: Record<string, [string, string]> = {
  DAILY: ['day', 'days'],
  WEEKLY: ['week', 'weeks'],
  MONTHLY: ['month', 'months'],
  YEARLY: ['year', 'years'],
};

function repeats(s: Schedule): string {
  const [one, many] = UNITS[s.recurrence.frequency] ?? ['period', 'periods'];
  const every = s.recurrence.every === 1 ? `Every ${one}` : `Every ${s.recurrence.every} ${many}`;
  const r = s.recurrence;
  const parts = [every];
  if (r.frequency === 'WEEKLY' && r.weekdays.length > 0) parts.push(WEEKDAYS.filter(([d]) => r.weekdays.includes(d)).map(([, label]) => label).join(' '));
  if (r.lastDayOfMonth) parts.push('last day');
  else if (r.frequency === 'MONTHLY' && r.monthDay != null) parts.push(`day ${r.monthDay}`);
  if (r.end) parts.push(`until ${formatDate(r.end)}`);
  if (r.count != null) parts.push(`${r.count} times`);
  return parts.join(', ');
}

export function RecurringPage() {
  const [window] = useState(nextThirtyDays);
  const { data, loading, error, refetch } = useQuery(RecurringPageDoc, { variables: window });
  const [editing, setEditing] = useState<Schedule | null>(null);
  const options = { refetchQueries: 'active' as const, awaitRefetchQueries: true };
  const [remove, removal] = useMutation(DeleteRecurringDoc, options);
  const [skip, skipping] = useMutation(SkipOccurrenceDoc, options);
  const [confirm, confirming] = useMutation(ConfirmOccurrenceDoc, options);
  const failure = removal.error ?? skipping.error ?? confirming.error;

  return (
    <>
      <div className="page-head">
        <h1>Recurring</h1>
      </div>
      {error && <ErrorNotice error={error} onRetry={() => void refetch()} />}
      {failure && <ErrorNotice error={failure} title="That did not work." />}
      {!data && loading && <Loading />}
      {data && (
        <>
          {data.dueOccurrences.length > 0 && (
            <section className="panel" aria-labelledby="due-h">
              <h2 id="due-h">Waiting for you</h2>
              <ul className="plain-list">
                {data.dueOccurrences.map((o) => (
                  <li key={`${o.scheduleId}-${o.date}`}>
                    {formatDate(o.postDate)} · {o.description} · <Money amount={o.amount} currency={o.currency} />{' '}
                    <button type="button" onClick={() => void confirm({ variables: { scheduleId: o.scheduleId, date: o.date } }).catch(() => undefined)}>
                      Record {o.description}
                    </button>{' '}
                    <button type="button" onClick={() => void skip({ variables: { scheduleId: o.scheduleId, date: o.date } }).catch(() => undefined)}>
                      Skip {o.description}
                    </button>
                  </li>
                ))}
              </ul>
            </section>
          )}
          <section className="panel" aria-labelledby="schedules-h">
            <h2 id="schedules-h">Schedules</h2>
            {data.recurringSchedules.length === 0 ? (
              <EmptyState title="No recurring transactions yet.">Add rent, a salary or a subscription below, and Tally records it when it is due.</EmptyState>
            ) : (
              <div className="table-wrap" tabIndex={0}>
                <table aria-label="Recurring schedules">
                  <thead>
                    <tr>
                      <th scope="col">Description</th>
                      <th scope="col" className="num">Amount</th>
                      <th scope="col">Repeats</th>
                      <th scope="col">Next</th>
                      <th scope="col"><span className="sr-only">Actions</span></th>
                    </tr>
                  </thead>
                  <tbody>
                    {data.recurringSchedules.map((s) => (
                      <tr key={s.id}>
                        <td>{s.description}{s.automatic ? '' : ' (suggested)'}</td>
                        <td className="num"><Money amount={s.amount} currency={s.currency} /></td>
                        <td>{repeats(s)}</td>
                        <td>{s.nextDate ? formatDate(s.nextDate) : 'Ended'}</td>
                        <td className="actions">
                          <IconButton icon="edit" label={`Edit ${s.description}`} onClick={() => setEditing(s)} />
                          {s.nextDate && (
                            <button type="button" onClick={() => void skip({ variables: { scheduleId: s.id, date: s.nextDate! } }).catch(() => undefined)}>
                              Skip next
                            </button>
                          )}
                          <IconButton icon="delete" danger label={`Delete ${s.description}`} onClick={() => void remove({ variables: { id: s.id } }).catch(() => undefined)} />
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </section>
          <section className="panel" aria-labelledby="recurring-form-h">
            <h2 id="recurring-form-h">{editing ? `Edit ${editing.description}` : 'Add a recurring transaction'}</h2>
            <RecurringForm key={editing?.id ?? 'new'} accounts={data.accounts} categories={data.categories} editing={editing} onDone={() => setEditing(null)} />
          </section>
          <section className="panel" aria-labelledby="recurring-upcoming-h">
            <h2 id="recurring-upcoming-h">Next 30 days</h2>
            {data.upcomingOccurrences.length === 0 ? <p>Nothing in the next 30 days.</p> : <UpcomingList items={data.upcomingOccurrences} label="Next 30 days of recurring transactions" />}
          </section>
        </>
      )}
    </>
  );
}
