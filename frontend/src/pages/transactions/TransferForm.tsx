// Move money between two of the user's accounts; between currencies, say what arrives.
import { useMutation } from '@apollo/client';
import { useState, type FormEvent } from 'react';
import { Field } from '../../components/Field';
import { FormErrors } from '../../components/FormErrors';
import type { TransactionsPageQuery } from '../../gql/graphql';
import { todayIso } from '../../lib/dates';
import { formErrors } from '../../lib/errors';
import { newIdempotencyKey } from '../../lib/ids';
import { signedAmount } from '../../lib/money';
import { CreateTransferDoc } from './operations';

const FIELDS = ['fromAccountId', 'toAccountId', 'amount', 'toAmount', 'date', 'description', 'notes'] as const;

export function TransferForm({ data, onDone }: { data: TransactionsPageQuery; onDone: () => void }) {
  const open = data.accounts.filter((a) => !a.archived);
  const [form, setForm] = useState({
    fromAccountId: open[0]?.id ?? '',
    toAccountId: open[1]?.id ?? '',
    amount: '',
    toAmount: '',
    date: todayIso(),
    description: 'Transfer',
  });
  const [key] = useState(newIdempotencyKey);
  const [local, setLocal] = useState<Record<string, string>>({});
  const [transfer, { loading, error }] = useMutation(CreateTransferDoc, {
    refetchQueries: 'active',
    awaitRefetchQueries: true,
  });
  const errors = error ? formErrors(error, FIELDS) : null;
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) => setForm((f) => ({ ...f, [k]: e.target.value }));
  const from = open.find((a) => a.id === form.fromAccountId);
  const to = open.find((a) => a.id === form.toAccountId);
  const crossCurrency = !!from && !!to && from.currency !== to.currency;

  async function submit(event: FormEvent) {
    event.preventDefault();
    const amount = signedAmount(form.amount, 'in');
    const toAmount = crossCurrency ? signedAmount(form.toAmount, 'in') : null;
    const problems: Record<string, string> = {};
    if (!amount) problems.amount = 'Enter a positive amount such as 100.00.';
    if (crossCurrency && !toAmount) problems.toAmount = `Enter what arrives in ${to?.currency}.`;
    if (form.fromAccountId === form.toAccountId) problems.toAccountId = 'Choose a different account.';
    setLocal(problems);
    if (Object.keys(problems).length || !amount) return;
    const input = {
      fromAccountId: form.fromAccountId,
      toAccountId: form.toAccountId,
      amount,
      toAmount,
      date: form.date,
      description: form.description.trim(),
      idempotencyKey: key,
    };
    const result = await transfer({ variables: { input } }).catch(() => null);
    if (result?.data) onDone();
  }

  if (open.length < 2) {
    return <p className="empty">A transfer needs two open accounts; add one on the Accounts page.</p>;
  }
  const error_ = (k: string) => local[k] ?? errors?.fields[k];
  return (
    <form onSubmit={submit} noValidate aria-busy={loading}>
      <Field label="From account" error={error_('fromAccountId')}>
        <select value={form.fromAccountId} onChange={set('fromAccountId')}>
          {open.map((a) => (
            <option key={a.id} value={a.id}>{a.name} ({a.currency})</option>
          ))}
        </select>
      </Field>
      <Field label="To account" error={error_('toAccountId')}>
        <select value={form.toAccountId} onChange={set('toAccountId')}>
          {open.map((a) => (
            <option key={a.id} value={a.id}>{a.name} ({a.currency})</option>
          ))}
        </select>
      </Field>
      <Field label={`Amount${from ? ` (${from.currency})` : ''}`} error={error_('amount')}>
        <input inputMode="decimal" value={form.amount} onChange={set('amount')} />
      </Field>
      {crossCurrency && (
        <Field label={`Amount arriving (${to?.currency})`} error={error_('toAmount')}>
          <input inputMode="decimal" value={form.toAmount} onChange={set('toAmount')} />
        </Field>
      )}
      <Field label="Date" error={error_('date')}>
        <input type="date" value={form.date} onChange={set('date')} />
      </Field>
      <Field label="Description" error={error_('description')}>
        <input value={form.description} onChange={set('description')} />
      </Field>
      <FormErrors messages={errors?.form ?? []} />
      <div className="actions">
        <button type="submit" className="primary" disabled={loading}>Transfer</button>
        <button type="button" onClick={onDone}>Cancel</button>
      </div>
    </form>
  );
}
