// Net worth: the latest figure with its month-on-month and year-to-date change, the
// series, allocation by account kind, and valuations — one query.
import { useMutation, useQuery } from '@apollo/client';
import { useId, useState } from 'react';
import { Change } from '../../components/Change';
import { ErrorNotice } from '../../components/ErrorNotice';
import { IconButton } from '../../components/IconButton';
import { Loading } from '../../components/Loading';
import { Money } from '../../components/Money';
import { Tile } from '../../components/Tile';
import { addMonths, currentMonth, formatDate, monthLabel } from '../../lib/dates';
import { AllocationChart } from './AllocationChart';
import { NetWorthChart } from './NetWorthChart';
import { DeleteValuationDoc, NetWorthPageDoc } from './operations';
import { ValuationForm } from './ValuationForm';

const RANGES = [
  ['12', 'Last 12 months'],
  ['ytd', 'This year'],
  ['24', 'Last 2 years'],
  ['60', 'Last 5 years'],
  ['120', 'Last 10 years'],
] as const;

function rangeOf(key: string, to: string): { from: string; to: string } {
  if (key === 'ytd') return { from: `${to.slice(0, 4)}-01`, to };
  return { from: addMonths(to, -(Number(key) - 1)), to };
}

export function NetWorthPage() {
  const [range, setRange] = useState('12');
  const rangeId = useId();
  const variables = rangeOf(range, currentMonth());
  const { data, loading, error, refetch } = useQuery(NetWorthPageDoc, { variables });
  const [remove] = useMutation(DeleteValuationDoc, { refetchQueries: 'active' });

  return (
    <>
      <div className="page-head">
        <h1>Net worth</h1>
        <div className="inline-field">
          <label htmlFor={rangeId}>Period</label>
          <select id={rangeId} value={range} onChange={(e) => setRange(e.target.value)}>
            {RANGES.map(([k, label]) => (
              <option key={k} value={k}>{label}</option>
            ))}
          </select>
        </div>
      </div>
      {error && <ErrorNotice error={error} onRetry={() => void refetch()} />}
      {!data && loading && <Loading />}
      {data && (
        <>
          <div className="tiles">
            <Tile testId="tile-net-worth" label={`Net worth, ${monthLabel(data.netWorth.current.month, true)}`} value={<Money amount={data.netWorth.current.total} currency={data.netWorth.currency} />} />
            <Tile label="Month on month" value={<Change change={data.netWorth.current.changeFromPreviousMonth} after={data.netWorth.current.total} currency={data.netWorth.currency} />} />
            <Tile label="Year to date" value={<Change change={data.netWorth.current.changeYearToDate} after={data.netWorth.current.total} currency={data.netWorth.currency} />} />
            <Tile label="Assets / liabilities" value={<Money amount={data.netWorth.current.assets} currency={data.netWorth.currency} />} detail={<Money amount={data.netWorth.current.liabilities} currency={data.netWorth.currency} />} />
          </div>
          <section className="panel" aria-labelledby="nw-series">
            <h2 id="nw-series">Over time</h2>
            <NetWorthChart months={data.netWorth.months} currency={data.netWorth.currency} />
            <details>
              <summary>Month by month</summary>
              <div className="table-wrap" tabIndex={0}>
                <table>
                  <thead>
                    <tr>
                      <th scope="col">Month</th>
                      <th scope="col" className="num">Net worth</th>
                      <th scope="col" className="num">Month on month</th>
                      <th scope="col" className="num">Year to date</th>
                    </tr>
                  </thead>
                  <tbody>
                    {data.netWorth.months.map((m) => (
                      <tr key={m.month}>
                        <th scope="row">{monthLabel(m.month, true)}</th>
                        <td className="num"><Money amount={m.total} currency={data.netWorth.currency} /></td>
                        <td className="num"><Change change={m.changeFromPreviousMonth} after={m.total} currency={data.netWorth.currency} /></td>
                        <td className="num"><Change change={m.changeYearToDate} after={m.total} currency={data.netWorth.currency} /></td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </details>
          </section>
          <div className="columns">
            <section className="panel" aria-labelledby="nw-alloc">
              <h2 id="nw-alloc">Allocation by account kind</h2>
              <AllocationChart slices={data.netWorth.allocation} currency={data.netWorth.currency} />
            </section>
            <section className="panel" aria-labelledby="nw-vals">
              <h2 id="nw-vals">Valuations</h2>
              <ValuationForm accounts={data.accounts} />
              {data.valuations.length > 0 && (
                <div className="table-wrap" tabIndex={0}>
                  <table>
                    <thead>
                      <tr><th scope="col">Date</th><th scope="col">Account</th><th scope="col" className="num">Value</th><th scope="col" className="actions-cell"><span className="sr-only">Actions</span></th></tr>
                    </thead>
                    <tbody>
                      {data.valuations.map((v) => (
                        <tr key={v.id}>
                          <td>{formatDate(v.date)}</td>
                          <td>{v.account.name}</td>
                          <td className="num"><Money amount={v.value} currency={v.currency} /></td>
                          <td className="actions-cell">
                            <div className="row-actions">
                              <IconButton icon="delete" danger label={`Delete the valuation of ${v.account.name} on ${v.date}`} onClick={() => void remove({ variables: { id: v.id } }).catch(() => undefined)} />
                            </div>
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              )}
            </section>
          </div>
          <p className="hint">Amounts in {data.netWorth.currency}; accounts in other currencies are not included.</p>
        </>
      )}
    </>
  );
}
