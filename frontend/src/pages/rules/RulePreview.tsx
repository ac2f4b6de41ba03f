// A saved rule against existing transactions: what it would change (a page at a time), and
// applying it — the server changes 500 transactions per call, so this loops until done.
import { useApolloClient, useMutation, useQuery, type FetchResult } from '@apollo/client';
import { useState } from 'react';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Loading } from '../../components/Loading';
import { Modal } from '../../components/Modal';
import type { ApplyRuleMutation } from '../../gql/graphql';
import { ApplyRuleDoc, PreviewRuleDoc } from './operations';

interface Props {
  rule: { id: string; name: string };
  onDone: (message: string | null) => void;
}

/** At most this many apply calls from one click (500 transactions each). */
const MAX_CALLS = 200;

export function RulePreview({ rule, onDone }: Props) {
  const [after, setAfter] = useState<string | null>(null);
  const { data, loading, error, refetch } = useQuery(PreviewRuleDoc, { variables: { id: rule.id, after } });
  const [apply, applying] = useMutation(ApplyRuleDoc);
  const [failure, setFailure] = useState<unknown>(null);
  const client = useApolloClient();
  const preview = data?.previewRule;

  async function applyAll() {
    let cursor: string | null = null;
    let changed = 0;
    for (let call = 0; call < MAX_CALLS; call += 1) {
      const result: FetchResult<ApplyRuleMutation> | null = await apply({ variables: { id: rule.id, after: cursor } }).catch((e: unknown) => {
        setFailure(e);
        return null;
      });
      const page: ApplyRuleMutation['applyRule'] | undefined = result?.data?.applyRule;
      if (!page) return;
      changed += page.changed;
      if (!page.hasMore || !page.endCursor) break;
      cursor = page.endCursor;
    }
    await client.refetchQueries({ include: 'active' });
    onDone(`${rule.name}: ${changed} transaction${changed === 1 ? '' : 's'} changed.`);
  }

  return (
    <Modal title={`Preview ${rule.name}`} onClose={() => onDone(null)}>
      {error && <ErrorNotice error={error} onRetry={() => void refetch()} />}
      {failure != null && <ErrorNotice error={failure} />}
      {loading && !preview && <Loading />}
      {preview && (
        <>
          <p role="status">
            {preview.changes.length === 0 ? 'No changes' : `${preview.changes.length} change${preview.changes.length === 1 ? '' : 's'}`} among {preview.scanned} transactions looked at
            {preview.hasMore ? ' (more to look at)' : ''}.
          </p>
          {preview.changes.length > 0 && (
            <ul className="rule-changes">
              {preview.changes.map((c) => (
                <li key={c.transactionId}>
                  <strong>{c.description}</strong>
                  {c.renameTo && <span> → “{c.renameTo}”</span>}
                  {c.category && <span> · category {c.category.name}</span>}
                  {c.addTags.length > 0 && <span> · tags {c.addTags.join(', ')}</span>}
                </li>
              ))}
            </ul>
          )}
        </>
      )}
      <div className="actions">
        {preview?.hasMore && preview.endCursor && (
          <button type="button" onClick={() => setAfter(preview.endCursor ?? null)}>Look further</button>
        )}
        <button type="button" className="primary" disabled={applying.loading} onClick={() => void applyAll()}>
          {applying.loading ? 'Applying…' : 'Apply to existing transactions'}
        </button>
        <button type="button" onClick={() => onDone(null)}>Close</button>
      </div>
    </Modal>
  );
}
