// Record what an investment or property account was worth on a date.
import { useMutation } from '@apollo/client';
import { useState, type FormEvent } from 'react';
import { Field } from '../../components/Field';
import { FormErrors } from '../../components/FormErrors';
import type { NetWorthPageQuery } from '../../gql/graphql';
import { isValued } from '../../lib/accountKinds';
import { todayIso } from '../../lib/dates';
import { formErrors } from '../../lib/errors';
import { decimalInput } from '../../lib/money';
import { SetValuationDoc } from './operations';

const FIELDS = ['accountId', 'date', 'value'] as const;

export function ValuationForm({ accounts }: { accounts: NetWorthPageQuery['accounts'] }) {
  const valued = accounts.filter((a) => isValued(a.kind) && !a.archived);
  const [form, setForm] = useState({ accountId: valued[0]?.id ?? '', date: todayIso(), value: '' });
  const [valueError, setValueError] = useState<string | null>(null);
  const [save, { loading, error, reset }] = useMutation(SetValuationDoc, { refetchQueries: 'active', awaitRefetchQueries: true });
  const errors = error ? formErrors(error, FIELDS) : null;
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) => setForm((f) => ({ ...f, [k]: e.target.value }));

  if (valued.length === 0) {
    return <p className="empty">Valuations are for investment and property accounts; add one on the Accounts page.</p>;
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    reset();
    const value = decimalInput(form.value);
    setValueError(value ? null : 'Enter a value such as 15000.00.');
    if (!value) return;
    const result = await save({ variables: { input: { accountId: form.accountId, date: form.date, value } } }).catch(() => null);
    if (result?.data) setForm((f) => ({ ...f, value: '' }));
  }

  return (
    <form onSubmit={submit} noValidate className="inline-form" aria-label="Record a valuation">
      <Field label="Account" error={errors?.fields.accountId}>
        <select value={form.accountId} onChange={set('accountId')}>
          {valued.map((a) => (
            <option key={a.id} value={a.id}>{a.name} ({a.currency})</option>
          ))}
        </select>
      </Field>
      <Field label="Date" error={errors?.fields.date}>
        <input type="date" value={form.date} onChange={set('date')} />
      </Field>
      <Field label="Value" error={valueError ?? errors?.fields.value}>
        <input inputMode="decimal" value={form.value} onChange={set('value')} />
      </Field>
      <FormErrors messages={errors?.form ?? []} />
      <button type="submit" className="primary" disabled={loading}>Save valuation</button>
    </form>
  );
}
