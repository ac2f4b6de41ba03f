// Budgets per month: how they stand, set one, copy last month's, delete.
import { useMutation, useQuery } from '@apollo/client';
import { useId, useState } from 'react';
import { EmptyState } from '../../components/EmptyState';
import { ErrorNotice } from '../../components/ErrorNotice';
import { IconButton } from '../../components/IconButton';
import { Loading } from '../../components/Loading';
import { addMonths, currentMonth, monthLabel } from '../../lib/dates';
import { BudgetForm } from './BudgetForm';
import { BudgetStatusTable } from './BudgetStatusTable';
import { BudgetsPageDoc, CopyBudgetsDoc, DeleteBudgetDoc } from './operations';

export function BudgetsPage() {
  const [month, setMonth] = useState(currentMonth);
  const monthId = useId();
  const { data, loading, error, refetch } = useQuery(BudgetsPageDoc, { variables: { month } });
  const [copy, copying] = useMutation(CopyBudgetsDoc, { refetchQueries: 'active' });
  const [remove, removal] = useMutation(DeleteBudgetDoc, { refetchQueries: 'active' });

  return (
    <>
      <div className="page-head">
        <h1>Budgets</h1>
        <div className="inline-field">
          <button type="button" aria-label="Previous month" onClick={() => setMonth((m) => addMonths(m, -1))}>‹</button>
          <label htmlFor={monthId} className="sr-only">Month</label>
          <input id={monthId} type="month" value={month} onChange={(e) => e.target.value && setMonth(e.target.value)} />
          <button type="button" aria-label="Next month" onClick={() => setMonth((m) => addMonths(m, 1))}>›</button>
        </div>
      </div>
      {error && <ErrorNotice error={error} onRetry={() => void refetch()} />}
      {copying.error && <ErrorNotice error={copying.error} title="Budgets could not be copied." />}
      {removal.error && <ErrorNotice error={removal.error} title="The budget could not be deleted." />}
      {!data && loading && <Loading />}
      {data && (
        <>
          <section className="panel" aria-labelledby="budgets-h">
            <h2 id="budgets-h">{monthLabel(month, true)}</h2>
            <BudgetStatusTable
              status={data.budgetStatus}
              actions={(id, name) => (
                <IconButton icon="delete" danger label={`Delete the budget of ${name}`} onClick={() => void remove({ variables: { id } }).catch(() => undefined)} />
              )}
              empty={
                <EmptyState title="No budgets for this month." actions={<a className="button-link" href="#budget-set-h">Set a budget</a>}>
                  Give a category a monthly limit below, or copy last month's budgets.
                </EmptyState>
              }
            />
            <button type="button" disabled={copying.loading} onClick={() => void copy({ variables: { month } }).catch(() => undefined)}>
              Copy budgets from {monthLabel(addMonths(month, -1), true)}
            </button>
          </section>
          <section className="panel" aria-labelledby="budget-set-h">
            <h2 id="budget-set-h" tabIndex={-1}>Set a budget</h2>
            <BudgetForm month={month} categories={data.categories} />
          </section>
        </>
      )}
    </>
  );
}
