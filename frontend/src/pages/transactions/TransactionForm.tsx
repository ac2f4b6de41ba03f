// Add or edit a transaction: direction (money in / out) and a positive amount make the
// signed Decimal string the API stores; the server's field errors land on their inputs.
import { useMutation } from '@apollo/client';
import { useId, useState, type FormEvent } from 'react';
import { Field } from '../../components/Field';
import { FormErrors } from '../../components/FormErrors';
import type { TransactionRowFragment, TransactionsPageQuery } from '../../gql/graphql';
import { todayIso } from '../../lib/dates';
import { formErrors } from '../../lib/errors';
import { newIdempotencyKey } from '../../lib/ids';
import { absoluteAmount, isNegative, signedAmount } from '../../lib/money';
import { CategoryOptions } from './CategoryOptions';
import { parseTags } from './filters';
import { CreateTransactionDoc, UpdateTransactionDoc } from './operations';

const FIELDS = ['date', 'amount', 'description', 'accountId', 'categoryId', 'tags', 'notes'] as const;

interface Props {
  data: TransactionsPageQuery;
  editing?: TransactionRowFragment;
  onDone: () => void;
}

function initial(data: TransactionsPageQuery, t?: TransactionRowFragment) {
  const direction: 'in' | 'out' = t && !isNegative(t.amount) ? 'in' : 'out';
  const account = data.accounts.find((a) => a.isDefault && !a.archived) ?? data.accounts.find((a) => !a.archived);
  return {
    date: t?.date ?? todayIso(),
    direction,
    amount: t ? absoluteAmount(t.amount) : '',
    description: t?.description ?? '',
    accountId: t?.account.id ?? account?.id ?? '',
    categoryId: t?.category?.id ?? '',
    tags: t?.tags.join(', ') ?? '',
    notes: t?.notes ?? '',
  };
}

export function TransactionForm({ data, editing, onDone }: Props) {
  const [form, setForm] = useState(() => initial(data, editing));
  const [key] = useState(newIdempotencyKey);
  const [amountError, setAmountError] = useState<string | null>(null);
  const directionName = useId();
  const options = { refetchQueries: 'active' as const, awaitRefetchQueries: true };
  const [create, created] = useMutation(CreateTransactionDoc, options);
  const [update, updated] = useMutation(UpdateTransactionDoc, options);
  const state = editing ? updated : created;
  const errors = state.error ? formErrors(state.error, FIELDS) : null;
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) => setForm((f) => ({ ...f, [k]: e.target.value }));

  async function submit(event: FormEvent) {
    event.preventDefault();
    const amount = signedAmount(form.amount, form.direction);
    setAmountError(amount ? null : 'Enter an amount such as 12.50 (digits and an optional decimal point).');
    if (!amount) return;
    const common = {
      date: form.date,
      amount,
      description: form.description.trim(),
      accountId: form.accountId || null,
      categoryId: form.categoryId || null,
      tags: parseTags(form.tags),
      notes: form.notes.trim() || null,
    };
    const result = editing
      ? await update({ variables: { id: editing.id, input: common } }).catch(() => null)
      : await create({ variables: { input: { ...common, idempotencyKey: key } } }).catch(() => null);
    if (result?.data) onDone();
  }

  return (
    <form onSubmit={submit} noValidate aria-busy={state.loading}>
      <fieldset className="radio-row">
        <legend>Direction</legend>
        {(['out', 'in'] as const).map((d) => (
          <label key={d}>
            <input type="radio" name={directionName} value={d} checked={form.direction === d} onChange={() => setForm((f) => ({ ...f, direction: d }))} />
            {d === 'out' ? 'Money out' : 'Money in'}
          </label>
        ))}
      </fieldset>
      <Field label="Amount" error={amountError ?? errors?.fields.amount}>
        <input inputMode="decimal" required value={form.amount} onChange={set('amount')} placeholder="0.00" />
      </Field>
      <Field label="Date" error={errors?.fields.date}>
        <input type="date" required value={form.date} onChange={set('date')} />
      </Field>
      <Field label="Description" error={errors?.fields.description}>
        <input required maxLength={500} value={form.description} onChange={set('description')} />
      </Field>
      <Field label="Account" error={errors?.fields.accountId}>
        <select value={form.accountId} onChange={set('accountId')}>
          {data.accounts
            .filter((a) => !a.archived || a.id === form.accountId)
            .map((a) => (
              <option key={a.id} value={a.id}>
                {a.name} ({a.currency})
              </option>
            ))}
        </select>
      </Field>
      <Field label="Category" error={errors?.fields.categoryId}>
        <select value={form.categoryId} onChange={set('categoryId')}>
          <option value="">Uncategorized</option>
          <CategoryOptions categories={data.categories} />
        </select>
      </Field>
      <Field label="Tags" hint="Comma-separated" error={errors?.fields.tags}>
        <input value={form.tags} onChange={set('tags')} />
      </Field>
      <Field label="Notes" error={errors?.fields.notes}>
        <textarea rows={2} value={form.notes} onChange={set('notes')} />
      </Field>
      <FormErrors messages={errors?.form ?? []} />
      <div className="actions">
        <button type="submit" className="primary" disabled={state.loading}>
          {editing ? 'Save changes' : 'Add transaction'}
        </button>
        <button type="button" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}
