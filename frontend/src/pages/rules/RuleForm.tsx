// Create or edit a rule: one description condition (with its kind), an optional amount
// range and account; the category, tags and new description it gives.
import { useMutation } from '@apollo/client';
import { useState, type FormEvent } from 'react';
import { Field } from '../../components/Field';
import { FormErrors } from '../../components/FormErrors';
import type { RuleTextOp, RulesPageQuery } from '../../gql/graphql';
import { formErrors } from '../../lib/errors';
import { CreateRuleDoc, UpdateRuleDoc } from './operations';

const FIELDS = ['name', 'conditions', 'amountMin', 'amountMax', 'accountId', 'categoryId', 'addTags', 'renameTo'] as const;

export const OPS: readonly (readonly [RuleTextOp, string])[] = [
  ['CONTAINS', 'contains'],
  ['STARTS_WITH', 'starts with'],
  ['EQUALS', 'equals'],
  ['REGEX', 'matches the regular expression'],
];

type Rule = RulesPageQuery['rules'][number];

interface Props {
  data: RulesPageQuery;
  editing?: Rule;
  onDone: () => void;
}

export function RuleForm({ data, editing, onDone }: Props) {
  const first = editing?.conditions[0];
  const [name, setName] = useState(editing?.name ?? '');
  const [op, setOp] = useState<RuleTextOp>(first?.op ?? 'CONTAINS');
  const [text, setText] = useState(first?.value ?? '');
  const [amountMin, setAmountMin] = useState(editing?.amountMin ?? '');
  const [amountMax, setAmountMax] = useState(editing?.amountMax ?? '');
  const [accountId, setAccountId] = useState(editing?.accountId ?? '');
  const [categoryId, setCategoryId] = useState(editing?.categoryId ?? '');
  const [tags, setTags] = useState(editing?.addTags.join(', ') ?? '');
  const [renameTo, setRenameTo] = useState(editing?.renameTo ?? '');
  const options = { refetchQueries: 'active' as const, awaitRefetchQueries: true };
  const [create, created] = useMutation(CreateRuleDoc, options);
  const [update, updated] = useMutation(UpdateRuleDoc, options);
  const state = editing ? updated : created;
  const errors = state.error ? formErrors(state.error, FIELDS) : null;

  async function submit(event: FormEvent) {
    event.preventDefault();
    // The other conditions of a rule made through the API are kept as they are.
    const others = editing?.conditions.slice(1).map((c) => ({ op: c.op, value: c.value })) ?? [];
    const input = {
      name: name.trim(),
      conditions: [...(text.trim() ? [{ op, value: text.trim() }] : []), ...others],
      amountMin: amountMin.trim() || null,
      amountMax: amountMax.trim() || null,
      accountId: accountId || null,
      categoryId: categoryId || null,
      addTags: tags.split(',').map((t) => t.trim()).filter(Boolean),
      renameTo: renameTo.trim() || null,
    };
    const result = editing
      ? await update({ variables: { id: editing.id, input } }).catch(() => null)
      : await create({ variables: { input } }).catch(() => null);
    if (result?.data) onDone();
  }

  return (
    <form onSubmit={submit} noValidate aria-busy={state.loading} aria-label="Rule">
      <Field label="Name" error={errors?.fields.name}>
        <input required maxLength={100} value={name} onChange={(e) => setName(e.target.value)} />
      </Field>
      <Field label="Description" hint="Ignoring case" error={errors?.fields.conditions}>
        <select value={op} onChange={(e) => setOp(e.target.value as RuleTextOp)}>
          {OPS.map(([value, label]) => (
            <option key={value} value={value}>{label}</option>
          ))}
        </select>
      </Field>
      <Field label="Text or pattern">
        <input maxLength={200} value={text} onChange={(e) => setText(e.target.value)} />
      </Field>
      <Field label="Amount from" hint="Signed, inclusive (money out is negative)" error={errors?.fields.amountMin}>
        <input inputMode="decimal" value={amountMin} onChange={(e) => setAmountMin(e.target.value)} />
      </Field>
      <Field label="Amount to" error={errors?.fields.amountMax}>
        <input inputMode="decimal" value={amountMax} onChange={(e) => setAmountMax(e.target.value)} />
      </Field>
      <Field label="In account" error={errors?.fields.accountId}>
        <select value={accountId} onChange={(e) => setAccountId(e.target.value)}>
          <option value="">(any account)</option>
          {data.accounts.map((a) => (
            <option key={a.id} value={a.id}>{a.name}</option>
          ))}
        </select>
      </Field>
      <Field label="Set category" error={errors?.fields.categoryId}>
        <select value={categoryId} onChange={(e) => setCategoryId(e.target.value)}>
          <option value="">(leave as is)</option>
          {data.categories.flatMap((c) => [
            <option key={c.id} value={c.id}>{c.name}</option>,
            ...c.children.map((k) => (
              <option key={k.id} value={k.id}>{`${c.name} / ${k.name}`}</option>
            )),
          ])}
        </select>
      </Field>
      <Field label="Add tags" hint="Comma-separated, at most 5" error={errors?.fields.addTags}>
        <input value={tags} onChange={(e) => setTags(e.target.value)} />
      </Field>
      <Field label="Rename to" hint="Applied to imported and existing transactions" error={errors?.fields.renameTo}>
        <input maxLength={500} value={renameTo} onChange={(e) => setRenameTo(e.target.value)} />
      </Field>
      <FormErrors messages={errors?.form ?? []} />
      <div className="actions">
        <button type="submit" className="primary" disabled={state.loading}>{editing ? 'Save rule' : 'Add rule'}</button>
        <button type="button" onClick={onDone}>Cancel</button>
      </div>
    </form>
  );
}
