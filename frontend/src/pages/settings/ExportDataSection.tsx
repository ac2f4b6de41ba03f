// Download everything Tally holds about the user, as JSON.
import { useApolloClient } from '@apollo/client';
import { useState } from 'react';
import { todayIso } from '../../lib/dates';
import { downloadText } from '../../lib/download';
import { apiErrors, describeApiError } from '../../lib/errors';
import { ExportMyDataDoc } from './operations';

export function ExportDataSection() {
  const client = useApolloClient();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  async function run() {
    setBusy(true);
    setProblem(null);
    try {
      const { data } = await client.query({ query: ExportMyDataDoc, fetchPolicy: 'network-only' });
      downloadText(JSON.stringify(data.exportMyData, null, 2), `tally-my-data-${todayIso()}.json`, 'application/json');
    } catch (error) {
      setProblem(apiErrors(error).map(describeApiError).join(' '));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="panel" aria-labelledby="export-h">
      <h2 id="export-h">Export my data</h2>
      <p>Your profile, accounts, categories, transactions, budgets and valuations as one JSON file.</p>
      <button type="button" onClick={() => void run()} disabled={busy}>{busy ? 'Preparing…' : 'Download my data'}</button>
      {problem && <p role="alert" className="field-error">{problem}</p>}
    </section>
  );
}
