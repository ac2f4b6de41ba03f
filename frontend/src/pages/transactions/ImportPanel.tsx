// Import a bank's CSV into one account: the file (or pasted text), which columns hold
// what, how dates and decimals are written. The result lists each bad row with its
// spreadsheet row number; by default one bad row imports nothing.
import { useMutation } from '@apollo/client';
import { useState, type FormEvent } from 'react';
import { Field } from '../../components/Field';
import { FormErrors } from '../../components/FormErrors';
import type {
  DateFormat,
  DecimalSeparator,
  ImportTransactionsMutation,
  TransactionsPageQuery,
} from '../../gql/graphql';
import { formErrors } from '../../lib/errors';
import { ImportTransactionsDoc } from './operations';

const FIELDS = ['csv', 'accountId', 'delimiter'] as const;

/** The columns every file needs, named as Tally's own export names them; the optional
 * ones start empty, since a bank's file rarely has them (an export of Tally's does:
 * `category`, `tags`, `notes`). */
const DEFAULT_MAPPING = { date: 'date', description: 'description', amount: 'amount', debit: '', credit: '', category: '', tags: '', notes: '' };

export function ImportPanel({ data, onClose }: { data: TransactionsPageQuery; onClose: () => void }) {
  const open = data.accounts.filter((a) => !a.archived);
  const [accountId, setAccountId] = useState(open.find((a) => a.isDefault)?.id ?? open[0]?.id ?? '');
  const [csv, setCsv] = useState('');
  const [mapping, setMapping] = useState(DEFAULT_MAPPING);
  const [dateFormat, setDateFormat] = useState<DateFormat>('ISO');
  const [decimalSeparator, setDecimalSeparator] = useState<DecimalSeparator>('DOT');
  const [delimiter, setDelimiter] = useState(',');
  const [allOrNothing, setAllOrNothing] = useState(true);
  const [run, { data: result, loading, error }] = useMutation(ImportTransactionsDoc, {
    refetchQueries: 'active',
    awaitRefetchQueries: true,
  });
  const errors = error ? formErrors(error, FIELDS) : null;
  const outcome = result?.importTransactions;
  const map = (k: keyof typeof mapping) => (e: { target: { value: string } }) => setMapping((m) => ({ ...m, [k]: e.target.value }));

  async function submit(event: FormEvent) {
    event.preventDefault();
    const orNull = (s: string) => s.trim() || null;
    await run({
      variables: {
        input: {
          accountId,
          csv,
          dateFormat,
          decimalSeparator,
          delimiter,
          allOrNothing,
          mapping: {
            date: mapping.date.trim(),
            description: mapping.description.trim(),
            amount: orNull(mapping.amount),
            debit: orNull(mapping.debit),
            credit: orNull(mapping.credit),
            category: orNull(mapping.category),
            tags: orNull(mapping.tags),
            notes: orNull(mapping.notes),
          },
        },
      },
    }).catch(() => null);
  }

  return (
    <form onSubmit={submit} noValidate aria-busy={loading} className="import">
      <Field label="Into account" error={errors?.fields.accountId}>
        <select value={accountId} onChange={(e) => setAccountId(e.target.value)}>
          {open.map((a) => (
            <option key={a.id} value={a.id}>{a.name} ({a.currency})</option>
          ))}
        </select>
      </Field>
      <Field label="CSV file">
        <input
          type="file"
          accept=".csv,text/csv,text/plain"
          onChange={(e) => {
            const file = e.target.files?.[0];
            if (file) void file.text().then(setCsv);
          }}
        />
      </Field>
      <Field label="CSV text" hint="The first row is the header" error={errors?.fields.csv}>
        <textarea rows={6} value={csv} onChange={(e) => setCsv(e.target.value)} spellCheck={false} />
      </Field>
      <fieldset>
        <legend>Columns (header names)</legend>
        <div className="grid-fields">
          <Field label="Date column"><input value={mapping.date} onChange={map('date')} /></Field>
          <Field label="Description column"><input value={mapping.description} onChange={map('description')} /></Field>
          <Field label="Amount column" hint="Signed; or use debit and credit"><input value={mapping.amount} onChange={map('amount')} /></Field>
          <Field label="Debit column"><input value={mapping.debit} onChange={map('debit')} /></Field>
          <Field label="Credit column"><input value={mapping.credit} onChange={map('credit')} /></Field>
          <Field label="Category column" hint="Tally's export: category"><input value={mapping.category} onChange={map('category')} /></Field>
          <Field label="Tags column"><input value={mapping.tags} onChange={map('tags')} /></Field>
          <Field label="Notes column"><input value={mapping.notes} onChange={map('notes')} /></Field>
        </div>
      </fieldset>
      <div className="grid-fields">
        <Field label="Date format">
          <select value={dateFormat} onChange={(e) => setDateFormat(e.target.value as DateFormat)}>
            <option value="ISO">YYYY-MM-DD</option>
            <option value="DMY">DD/MM/YYYY</option>
            <option value="MDY">MM/DD/YYYY</option>
            <option value="YMD_SLASH">YYYY/MM/DD</option>
          </select>
        </Field>
        <Field label="Decimal separator">
          <select value={decimalSeparator} onChange={(e) => setDecimalSeparator(e.target.value as DecimalSeparator)}>
            <option value="DOT">1,234.50</option>
            <option value="COMMA">1.234,50</option>
          </select>
        </Field>
        <Field label="Delimiter" error={errors?.fields.delimiter}>
          <select value={delimiter} onChange={(e) => setDelimiter(e.target.value)}>
            <option value=",">Comma</option>
            <option value=";">Semicolon</option>
            <option value="|">Pipe</option>
            <option value={'\t'}>Tab</option>
          </select>
        </Field>
      </div>
      <label className="check">
        <input type="checkbox" checked={allOrNothing} onChange={(e) => setAllOrNothing(e.target.checked)} />
        Import nothing if any row has an error
      </label>
      <FormErrors messages={errors?.form ?? []} />
      {outcome && <ImportOutcome outcome={outcome} />}
      <div className="actions">
        <button type="submit" className="primary" disabled={loading || !csv.trim()}>
          {loading ? 'Importing…' : 'Import'}
        </button>
        <button type="button" onClick={onClose}>Close</button>
      </div>
    </form>
  );
}

type Outcome = ImportTransactionsMutation['importTransactions'];

function ImportOutcome({ outcome }: { outcome: Outcome }) {
  return (
    <section role="status" aria-live="polite" className="import-result" aria-label="Import result">
      <p>
        Imported {outcome.imported} transaction{outcome.imported === 1 ? '' : 's'}
        {outcome.duplicates > 0 && `, skipped ${outcome.duplicates} already imported`}.
        {outcome.errorCount > 0 && ` ${outcome.errorCount} row${outcome.errorCount === 1 ? ' has' : 's have'} errors${outcome.imported === 0 ? '; nothing was imported' : ''}.`}
      </p>
      {outcome.errors.length > 0 && (
        <div className="table-wrap" tabIndex={0}>
          <table aria-label="Rows with errors">
            <thead>
              <tr><th scope="col">Row</th><th scope="col">Column</th><th scope="col">Problem</th></tr>
            </thead>
            <tbody>
              {outcome.errors.map((e) => (
                <tr key={`${e.row}-${e.column ?? ''}-${e.message}`}>
                  <td>{e.row}</td>
                  <td>{e.column ?? '—'}</td>
                  <td>{e.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {outcome.errorCount > outcome.errors.length && <p className="hint">Showing the first {outcome.errors.length} of {outcome.errorCount}.</p>}
        </div>
      )}
    </section>
  );
}
