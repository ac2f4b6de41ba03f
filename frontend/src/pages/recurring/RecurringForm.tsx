// Create or edit a recurring transaction or transfer: account, amount (money out by
// default), description, category and tags, or the account a transfer goes to (and what
// arrives between currencies); when it falls; recorded by itself or only suggested.
import { useMutation } from '@apollo/client';
import { useState, type FormEvent } from 'react';
import { Field } from '../../components/Field';
import { FormErrors } from '../../components/FormErrors';
import type { RecurringPageQuery } from '../../gql/graphql';
import { todayIso } from '../../lib/dates';
import { formErrors } from '../../lib/errors';
import { CategoryOptions } from '../transactions/CategoryOptions';
import { CreateRecurringDoc, UpdateRecurringDoc } from './operations';
import { RecurrenceFields } from './RecurrenceFields';
import { buildInput, initialValues, type ScheduleFormValues } from './scheduleForm';

type Schedule = RecurringPageQuery['recurringSchedules'][number];
type Accounts = RecurringPageQuery['accounts'];
type Categories = RecurringPageQuery['categories'];

const FIELDS = ['accountId', 'toAccountId', 'amount', 'toAmount', 'description', 'categoryId', 'tags', 'every', 'weekdays', 'monthDay', 'start', 'end', 'count'] as const;

interface Props {
  accounts: Accounts;
  categories: Categories;
  editing: Schedule | null;
  onDone: () => void;
}

export function RecurringForm({ accounts, categories, editing, onDone }: Props) {
  // An archived account stays in the lists when the schedule being edited uses it.
  const used = new Set([editing?.account.id, editing?.toAccount?.id]);
  const open = accounts.filter((a) => !a.archived || used.has(a.id));
  const [values, setValues] = useState<ScheduleFormValues>(() => initialValues(editing, open[0]?.id ?? '', todayIso()));
  const set = (change: Partial<ScheduleFormValues>) => setValues((v) => ({ ...v, ...change }));
  const [localError, setLocalError] = useState<{ field: string; message: string } | null>(null);
  const options = { refetchQueries: 'active' as const, awaitRefetchQueries: true };
  const [create, creation] = useMutation(CreateRecurringDoc, options);
  const [update, updating] = useMutation(UpdateRecurringDoc, options);
  const failure = creation.error ?? updating.error;
  const errors = failure ? formErrors(failure, FIELDS) : null;

  const transfer = values.toAccountId !== '';
  const currencyOf = (id: string) => accounts.find((a) => a.id === id)?.currency;
  const currenciesDiffer = transfer && currencyOf(values.accountId) !== currencyOf(values.toAccountId);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const built = buildInput(values, currenciesDiffer);
    if ('field' in built) {
      setLocalError(built);
      return;
    }
    setLocalError(null);
    const { input } = built;
    const result = editing
      ? await update({ variables: { id: editing.id, input } }).catch(() => null)
      : await create({ variables: { input } }).catch(() => null);
    if (result?.data) {
      set({ amount: '', toAmount: '', description: '' });
      onDone();
    }
  }

  const field = (name: string) => (localError?.field === name ? localError.message : errors?.fields[name]);
  return (
    <form onSubmit={submit} noValidate className="inline-form" aria-label={editing ? 'Edit the recurring transaction' : 'Add a recurring transaction'}>
      <Field label="Account" error={field('accountId')}>
        <select value={values.accountId} onChange={(e) => set({ accountId: e.target.value })}>
          {open.map((a) => (
            <option key={a.id} value={a.id}>{`${a.name} (${a.currency})`}</option>
          ))}
        </select>
      </Field>
      <Field label="Transfer to" error={field('toAccountId')}>
        <select value={values.toAccountId} onChange={(e) => set({ toAccountId: e.target.value })}>
          <option value="">Not a transfer</option>
          {open
            .filter((a) => a.id !== values.accountId)
            .map((a) => (
              <option key={a.id} value={a.id}>{`${a.name} (${a.currency})`}</option>
            ))}
        </select>
      </Field>
      <Field label={transfer ? 'Amount sent' : 'Amount'} error={field('amount')}>
        <input inputMode="decimal" value={values.amount} onChange={(e) => set({ amount: e.target.value })} />
      </Field>
      {currenciesDiffer && (
        <Field label={`Received amount (${currencyOf(values.toAccountId) ?? ''})`} error={field('toAmount')}>
          <input inputMode="decimal" value={values.toAmount} onChange={(e) => set({ toAmount: e.target.value })} />
        </Field>
      )}
      {!transfer && (
        <label className="check">
          <input type="checkbox" checked={values.moneyIn} onChange={(e) => set({ moneyIn: e.target.checked })} /> Money in
        </label>
      )}
      <Field label="Description" error={field('description')}>
        <input value={values.description} onChange={(e) => set({ description: e.target.value })} />
      </Field>
      {!transfer && (
        <>
          <Field label="Category" error={field('categoryId')}>
            <select value={values.categoryId} onChange={(e) => set({ categoryId: e.target.value })}>
              <option value="">No category</option>
              <CategoryOptions categories={categories} />
            </select>
          </Field>
          <Field label="Tags" hint="Comma-separated" error={field('tags')}>
            <input value={values.tags} onChange={(e) => set({ tags: e.target.value })} />
          </Field>
        </>
      )}
      <RecurrenceFields values={values} set={set} error={field} />
      <label className="check">
        <input type="checkbox" checked={values.automatic} onChange={(e) => set({ automatic: e.target.checked })} /> Record automatically (otherwise suggest)
      </label>
      <FormErrors messages={errors?.form ?? []} />
      <button type="submit" className="primary" disabled={creation.loading || updating.loading}>
        {editing ? 'Save changes' : 'Add recurring'}
      </button>
      {editing && <button type="button" onClick={onDone}>Cancel</button>}
    </form>
  );
}
