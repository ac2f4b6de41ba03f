// Create or edit a recurring transaction: account, amount (money out by default),
// description, how often, from when, and whether it is recorded by itself or suggested.
import { useMutation } from '@apollo/client';
import { useState, type FormEvent } from 'react';
import { Field } from '../../components/Field';
import { FormErrors } from '../../components/FormErrors';
import type { RecurrenceFrequency, RecurringPageQuery } from '../../gql/graphql';
import { todayIso } from '../../lib/dates';
import { formErrors } from '../../lib/errors';
import { decimalInput } from '../../lib/money';
import { CreateRecurringDoc, UpdateRecurringDoc } from './operations';

type Schedule = RecurringPageQuery['recurringSchedules'][number];
type Accounts = RecurringPageQuery['accounts'];

const FIELDS = ['accountId', 'amount', 'description', 'every', 'start', 'end', 'count'] as const;
const FREQUENCIES: [RecurrenceFrequency, string][] = [
  ['DAILY', 'Daily'],
  ['WEEKLY', 'Weekly'],
  ['MONTHLY', 'Monthly'],
  ['YEARLY', 'Yearly'],
];

export function RecurringForm({ accounts, editing, onDone }: { accounts: Accounts; editing: Schedule | null; onDone: () => void }) {
  const open = accounts.filter((a) => !a.archived);
  const [accountId, setAccountId] = useState(editing?.account.id ?? open[0]?.id ?? '');
  const [amount, setAmount] = useState(editing ? editing.amount.replace(/^-/, '') : '');
  const [moneyIn, setMoneyIn] = useState(editing ? !editing.amount.startsWith('-') : false);
  const [description, setDescription] = useState(editing?.description ?? '');
  const [frequency, setFrequency] = useState<RecurrenceFrequency>(editing?.recurrence.frequency ?? 'MONTHLY');
  const [every, setEvery] = useState(String(editing?.recurrence.every ?? 1));
  const [start, setStart] = useState(editing?.recurrence.start ?? todayIso());
  const [lastDay, setLastDay] = useState(editing?.recurrence.lastDayOfMonth ?? false);
  const [automatic, setAutomatic] = useState(editing?.automatic ?? true);
  const [amountError, setAmountError] = useState<string | null>(null);
  const options = { refetchQueries: 'active' as const, awaitRefetchQueries: true };
  const [create, creation] = useMutation(CreateRecurringDoc, options);
  const [update, updating] = useMutation(UpdateRecurringDoc, options);
  const failure = creation.error ?? updating.error;
  const errors = failure ? formErrors(failure, FIELDS) : null;

  async function submit(event: FormEvent) {
    event.preventDefault();
    const value = decimalInput(amount);
    setAmountError(value && !value.startsWith('-') && Number(value) !== 0 ? null : 'Enter an amount above zero, e.g. 1250.00.');
    if (!value || value.startsWith('-') || Number(value) === 0) return;
    const recurrence = {
      frequency,
      every: Number.parseInt(every, 10) || 0,
      start,
      lastDayOfMonth: frequency === 'MONTHLY' && lastDay,
      end: editing?.recurrence.end ?? null,
      count: editing?.recurrence.count ?? null,
    };
    const input = { accountId, amount: moneyIn ? value : `-${value}`, description, recurrence, automatic };
    const result = editing
      ? await update({ variables: { id: editing.id, input } }).catch(() => null)
      : await create({ variables: { input } }).catch(() => null);
    if (result?.data) {
      setAmount('');
      setDescription('');
      onDone();
    }
  }

  const field = (name: string) => errors?.fields[name];
  return (
    <form onSubmit={submit} noValidate className="inline-form" aria-label={editing ? 'Edit the recurring transaction' : 'Add a recurring transaction'}>
      <Field label="Account" error={field('accountId')}>
        <select value={accountId} onChange={(e) => setAccountId(e.target.value)}>
          {open.map((a) => (
            <option key={a.id} value={a.id}>{a.name}</option>
          ))}
        </select>
      </Field>
      <Field label="Amount" error={amountError ?? field('amount')}>
        <input inputMode="decimal" value={amount} onChange={(e) => setAmount(e.target.value)} />
      </Field>
      <label className="check">
        <input type="checkbox" checked={moneyIn} onChange={(e) => setMoneyIn(e.target.checked)} /> Money in
      </label>
      <Field label="Description" error={field('description')}>
        <input value={description} onChange={(e) => setDescription(e.target.value)} />
      </Field>
      <Field label="Repeats">
        <select value={frequency} onChange={(e) => setFrequency(e.target.value as RecurrenceFrequency)}>
          {FREQUENCIES.map(([value, label]) => (
            <option key={value} value={value}>{label}</option>
          ))}
        </select>
      </Field>
      <Field label="Every" error={field('every')}>
        <input type="number" min={1} max={1000} value={every} onChange={(e) => setEvery(e.target.value)} />
      </Field>
      <Field label="Starts" error={field('start')}>
        <input type="date" value={start} onChange={(e) => setStart(e.target.value)} />
      </Field>
      {frequency === 'MONTHLY' && (
        <label className="check">
          <input type="checkbox" checked={lastDay} onChange={(e) => setLastDay(e.target.checked)} /> On the last day of the month
        </label>
      )}
      <label className="check">
        <input type="checkbox" checked={automatic} onChange={(e) => setAutomatic(e.target.checked)} /> Record automatically (otherwise suggest)
      </label>
      <FormErrors messages={errors?.form ?? []} />
      <button type="submit" className="primary" disabled={creation.loading || updating.loading}>
        {editing ? 'Save changes' : 'Add recurring'}
      </button>
      {editing && <button type="button" onClick={onDone}>Cancel</button>}
    </form>
  );
}
