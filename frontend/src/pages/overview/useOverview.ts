// The Overview page's data in one request: the years with data, the period's cash flow (the
// last twelve months or a calendar year), where the money went (by top-level category and
// by category) and how this month's budgets stand.
import { useQuery } from '@apollo/client';
import { graphql } from '../../gql';
import { addMonths, currentMonth, monthEnd } from '../../lib/dates';

export const CashflowMonthFieldsDoc = graphql(`
  fragment CashflowMonthFields on CashflowMonth {
    month
    income
    expenses
    net
    savingsRate
  }
`);

export const SpendingLineFieldsDoc = graphql(`
  fragment SpendingLineFields on SpendingLine {
    amount
    share
    category {
      id
      name
    }
    topLevel {
      id
    }
  }
`);

export const OverviewDoc = graphql(`
  query Overview($from: Month!, $to: Month!, $fromDate: Date!, $toDate: Date!, $month: Month!) {
    years
    cashflow(from: $from, to: $to) {
      currency
      income
      expenses
      netIncome
      savingsRate
      months {
        ...CashflowMonthFields
      }
    }
    spendingByCategory(from: $fromDate, to: $toDate) {
      currency
      total
      parents {
        ...SpendingLineFields
      }
      categories {
        ...SpendingLineFields
      }
    }
    budgetStatus(month: $month) {
      ...BudgetStatusFields
    }
  }
`);

/** The period the Overview shows: the last twelve months, or a calendar year. */
export type Period = { kind: 'last12' } | { kind: 'year'; year: number };

/** First and last month of `period` (`now` decides what "last twelve" means). */
export function monthsOf(period: Period, now: Date = new Date()): { from: string; to: string } {
  if (period.kind === 'year') return { from: `${period.year}-01`, to: `${period.year}-12` };
  const to = currentMonth(now);
  return { from: addMonths(to, -11), to };
}

/** The month whose budgets the Overview shows: this month when it is in the period, else
 * the period's last month. */
export function budgetMonthOf(period: Period, now: Date = new Date()): string {
  const { from, to } = monthsOf(period, now);
  const month = currentMonth(now);
  return month >= from && month <= to ? month : to;
}

export function useOverview(period: Period) {
  const { from, to } = monthsOf(period);
  return useQuery(OverviewDoc, {
    variables: { from, to, fromDate: `${from}-01`, toDate: monthEnd(to), month: budgetMonthOf(period) },
  });
}
