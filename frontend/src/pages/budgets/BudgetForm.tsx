// Set (or replace) the budget of an expense category for the month.
import { useMutation } from '@apollo/client';
import { useState, type FormEvent } from 'react';
import { Field } from '../../components/Field';
import { FormErrors } from '../../components/FormErrors';
import type { BudgetsPageQuery } from '../../gql/graphql';
import { formErrors } from '../../lib/errors';
import { decimalInput } from '../../lib/money';
import { SetBudgetDoc } from './operations';

const FIELDS = ['categoryId', 'amount'] as const;

export function BudgetForm({ month, categories }: { month: string; categories: BudgetsPageQuery['categories'] }) {
  const expense = categories.filter((c) => c.kind === 'EXPENSE');
  const [categoryId, setCategoryId] = useState(expense[0]?.id ?? '');
  const [amount, setAmount] = useState('');
  const [amountError, setAmountError] = useState<string | null>(null);
  const [save, { loading, error, reset }] = useMutation(SetBudgetDoc, { refetchQueries: 'active', awaitRefetchQueries: true });
  const errors = error ? formErrors(error, FIELDS) : null;

  async function submit(event: FormEvent) {
    event.preventDefault();
    reset();
    const value = decimalInput(amount);
    setAmountError(value && !value.startsWith('-') ? null : 'Enter zero or more, e.g. 400.00.');
    if (!value || value.startsWith('-')) return;
    const result = await save({ variables: { input: { categoryId, month, amount: value } } }).catch(() => null);
    if (result?.data) setAmount('');
  }

  return (
    <form onSubmit={submit} noValidate className="inline-form" aria-label="Set a budget">
      <Field label="Category" error={errors?.fields.categoryId}>
        <select value={categoryId} onChange={(e) => setCategoryId(e.target.value)}>
          {expense.map((c) => (
            <optgroup key={c.id} label={c.name}>
              <option value={c.id}>{c.name}</option>
              {c.children.map((k) => (
                <option key={k.id} value={k.id}>{`${c.name} / ${k.name}`}</option>
              ))}
            </optgroup>
          ))}
        </select>
      </Field>
      <Field label="Amount" error={amountError ?? errors?.fields.amount}>
        <input inputMode="decimal" value={amount} onChange={(e) => setAmount(e.target.value)} />
      </Field>
      <FormErrors messages={errors?.form ?? []} />
      <button type="submit" className="primary" disabled={loading}>Set budget</button>
    </form>
  );
}
