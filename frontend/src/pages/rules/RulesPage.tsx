// Rules: the ordered list that categorises, tags and renames transactions as they are
// written; add, edit, move up or down, delete, preview and apply to existing transactions.
import { useMutation, useQuery } from '@apollo/client';
import { useState } from 'react';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { EmptyState } from '../../components/EmptyState';
import { ErrorNotice } from '../../components/ErrorNotice';
import { IconButton } from '../../components/IconButton';
import { Loading } from '../../components/Loading';
import { Modal } from '../../components/Modal';
import type { RulesPageQuery } from '../../gql/graphql';
import { DeleteRuleDoc, MoveRuleDoc, RulesPageDoc } from './operations';
import { OPS, RuleForm } from './RuleForm';
import { RulePreview } from './RulePreview';

type Rule = RulesPageQuery['rules'][number];
type Dialog = { kind: 'add' } | { kind: 'edit'; rule: Rule } | { kind: 'delete'; rule: Rule } | { kind: 'preview'; rule: Rule };

/** The rule's conditions in words. */
function when(rule: Rule): string {
  const parts = rule.conditions.map((c) => `description ${OPS.find(([op]) => op === c.op)?.[1] ?? c.op} “${c.value}”`);
  if (rule.amountMin != null && rule.amountMax != null) parts.push(`amount ${rule.amountMin} to ${rule.amountMax}`);
  else if (rule.amountMin != null) parts.push(`amount at least ${rule.amountMin}`);
  else if (rule.amountMax != null) parts.push(`amount at most ${rule.amountMax}`);
  if (rule.account) parts.push(`in ${rule.account.name}`);
  return parts.join(' and ');
}

/** The rule's actions in words. */
function then(rule: Rule): string {
  const parts = [];
  if (rule.category) parts.push(`category ${rule.category.name}`);
  if (rule.addTags.length > 0) parts.push(`tags ${rule.addTags.join(', ')}`);
  if (rule.renameTo) parts.push(`rename to “${rule.renameTo}”`);
  return parts.join(', ');
}

export function RulesPage() {
  const { data, loading, error, refetch } = useQuery(RulesPageDoc);
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const options = { refetchQueries: 'active' as const, awaitRefetchQueries: true };
  const [move, moving] = useMutation(MoveRuleDoc, options);
  const [remove, removing] = useMutation(DeleteRuleDoc, options);
  const close = () => setDialog(null);
  const rules = data?.rules ?? [];

  return (
    <>
      <div className="page-head">
        <h1>Rules</h1>
        <button type="button" className="primary" disabled={!data} onClick={() => setDialog({ kind: 'add' })}>Add rule</button>
      </div>
      <p className="hint">
        Rules run in this order on new and imported transactions, only on what the transaction does not say itself: the first rule that sets a category wins, tags add up.
      </p>
      {error && <ErrorNotice error={error} onRetry={() => void refetch()} />}
      {(moving.error ?? removing.error) && <ErrorNotice error={moving.error ?? removing.error} />}
      {notice && <p role="status" className="notice">{notice}</p>}
      {!data && loading && <Loading />}
      {data && rules.length === 0 && (
        <EmptyState title="No rules yet." actions={<button type="button" onClick={() => setDialog({ kind: 'add' })}>Add rule</button>} />
      )}
      {rules.length > 0 && (
        <ol className="panel rules" aria-label="Rules in order">
          {rules.map((rule, index) => (
            <li key={rule.id} className="rule">
              <div className="rule-text">
                <strong>{rule.name}</strong>
                <span>When {when(rule)}: {then(rule)}</span>
              </div>
              <div className="row-actions">
                <button type="button" disabled={index === 0 || moving.loading} aria-label={`Move ${rule.name} up`} onClick={() => void move({ variables: { id: rule.id, position: index - 1 } }).catch(() => null)}>↑</button>
                <button type="button" disabled={index === rules.length - 1 || moving.loading} aria-label={`Move ${rule.name} down`} onClick={() => void move({ variables: { id: rule.id, position: index + 1 } }).catch(() => null)}>↓</button>
                <button type="button" onClick={() => setDialog({ kind: 'preview', rule })}>Preview</button>
                <IconButton icon="edit" label={`Edit ${rule.name}`} onClick={() => setDialog({ kind: 'edit', rule })} />
                <IconButton icon="delete" danger label={`Delete ${rule.name}`} onClick={() => setDialog({ kind: 'delete', rule })} />
              </div>
            </li>
          ))}
        </ol>
      )}
      {data && (dialog?.kind === 'add' || dialog?.kind === 'edit') && (
        <Modal title={dialog.kind === 'add' ? 'Add a rule' : `Edit ${dialog.rule.name}`} onClose={close}>
          <RuleForm data={data} editing={dialog.kind === 'edit' ? dialog.rule : undefined} onDone={close} />
        </Modal>
      )}
      {dialog?.kind === 'preview' && (
        <RulePreview
          rule={dialog.rule}
          onDone={(message) => {
            if (message) setNotice(message);
            close();
          }}
        />
      )}
      {dialog?.kind === 'delete' && (
        <ConfirmDialog
          title={`Delete ${dialog.rule.name}?`}
          confirmLabel="Delete"
          busy={removing.loading}
          onCancel={close}
          onConfirm={() => {
            const id = dialog.rule.id;
            void remove({ variables: { id } }).then(close, () => null);
          }}
        >
          <p>Transactions it already changed stay as they are.</p>
        </ConfirmDialog>
      )}
    </>
  );
}
