// Download the transactions matching the current filter as CSV (the API writes it).
import { useApolloClient } from '@apollo/client';
import { useState } from 'react';
import type { TransactionFilter } from '../../gql/graphql';
import { todayIso } from '../../lib/dates';
import { apiErrors, describeApiError } from '../../lib/errors';
import { downloadText } from '../../lib/download';
import { ExportTransactionsDoc } from './operations';

export function ExportButton({ filter }: { filter: TransactionFilter }) {
  const client = useApolloClient();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  async function exportCsv() {
    setBusy(true);
    setProblem(null);
    try {
      const { data } = await client.query({ query: ExportTransactionsDoc, variables: { filter }, fetchPolicy: 'network-only' });
      downloadText(data.exportTransactions, `tally-transactions-${todayIso()}.csv`, 'text/csv;charset=utf-8');
    } catch (error) {
      setProblem(apiErrors(error).map(describeApiError).join(' '));
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <button type="button" onClick={() => void exportCsv()} disabled={busy}>
        {busy ? 'Exporting…' : 'Export CSV'}
      </button>
      {problem && <span role="alert" className="field-error">{problem}</span>}
    </>
  );
}
