// Open an account, or change one (name, kind, institution, opening balance; the currency
// is fixed once the account exists).
import { useMutation } from '@apollo/client';
import { useState, type FormEvent } from 'react';
import { CurrencyInput } from '../../components/currency/CurrencyInput';
import { Field } from '../../components/Field';
import { FormErrors } from '../../components/FormErrors';
import type { AccountFieldsFragment } from '../../gql/graphql';
import { ACCOUNT_KINDS, kindLabel } from '../../lib/accountKinds';
import { formErrors } from '../../lib/errors';
import { decimalInput } from '../../lib/money';
import { CreateAccountDoc, UpdateAccountDoc } from './operations';

const FIELDS = ['name', 'kind', 'currency', 'institution', 'openingBalance'] as const;

interface Props {
  baseCurrency: string;
  editing?: AccountFieldsFragment;
  onDone: () => void;
}

export function AccountForm({ baseCurrency, editing, onDone }: Props) {
  const [form, setForm] = useState({
    name: editing?.name ?? '',
    kind: editing?.kind ?? 'CHECKING',
    currency: editing?.currency ?? baseCurrency,
    institution: editing?.institution ?? '',
    openingBalance: editing?.openingBalance ?? '0',
  });
  const [balanceError, setBalanceError] = useState<string | null>(null);
  const options = { refetchQueries: 'active' as const, awaitRefetchQueries: true };
  const [create, created] = useMutation(CreateAccountDoc, options);
  const [update, updated] = useMutation(UpdateAccountDoc, options);
  const state = editing ? updated : created;
  const errors = state.error ? formErrors(state.error, FIELDS) : null;
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) => setForm((f) => ({ ...f, [k]: e.target.value }));

  async function submit(event: FormEvent) {
    event.preventDefault();
    const openingBalance = decimalInput(form.openingBalance || '0');
    setBalanceError(openingBalance ? null : 'Enter an amount such as 250.00 or -80.00.');
    if (!openingBalance) return;
    const common = { name: form.name.trim(), kind: form.kind, institution: form.institution.trim() || null, openingBalance };
    const result = editing
      ? await update({ variables: { id: editing.id, input: common } }).catch(() => null)
      : await create({ variables: { input: { ...common, currency: form.currency.trim().toUpperCase() } } }).catch(() => null);
    if (result?.data) onDone();
  }

  return (
    <form onSubmit={submit} noValidate aria-busy={state.loading}>
      <Field label="Name" error={errors?.fields.name}>
        <input required maxLength={100} value={form.name} onChange={set('name')} />
      </Field>
      <Field label="Kind" error={errors?.fields.kind}>
        <select value={form.kind} onChange={set('kind')}>
          {ACCOUNT_KINDS.map((k) => (
            <option key={k} value={k}>{kindLabel(k)}</option>
          ))}
        </select>
      </Field>
      <Field label="Currency" hint={editing ? 'Fixed for the life of the account' : 'Type a code or a name, e.g. EUR or euro'} error={errors?.fields.currency}>
        <CurrencyInput value={form.currency} onChange={(currency) => setForm((f) => ({ ...f, currency }))} disabled={!!editing} />
      </Field>
      <Field label="Institution" error={errors?.fields.institution}>
        <input value={form.institution} onChange={set('institution')} />
      </Field>
      <Field label="Opening balance" error={balanceError ?? errors?.fields.openingBalance}>
        <input inputMode="decimal" value={form.openingBalance} onChange={set('openingBalance')} />
      </Field>
      <FormErrors messages={errors?.form ?? []} />
      <div className="actions">
        <button type="submit" className="primary" disabled={state.loading}>{editing ? 'Save changes' : 'Open account'}</button>
        <button type="button" onClick={onDone}>Cancel</button>
      </div>
    </form>
  );
}
