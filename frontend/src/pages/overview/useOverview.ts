// The Overview page's data in one request: the years with data, the year's tiles, its
// months, where the money went and how this month's budgets stand.
import { useQuery } from '@apollo/client';
import { graphql } from '../../gql';
import { currentMonth } from '../../lib/dates';

export const OverviewDoc = graphql(`
  query Overview($year: Int!, $from: Date!, $to: Date!, $month: Month!) {
    years
    financialOverview(year: $year) {
      currency
      year
      income
      expenses
      netIncome
      savingsRate
    }
    monthlyCashflow(year: $year) {
      month
      income
      expenses
      net
      savingsRate
    }
    spendingByCategory(from: $from, to: $to) {
      currency
      total
      parents {
        amount
        share
        category {
          id
          name
        }
      }
    }
    budgetStatus(month: $month) {
      ...BudgetStatusFields
    }
  }
`);

/** The month whose budgets the Overview shows for `year`: this month, or December. */
export function budgetMonthOf(year: number, now: Date = new Date()): string {
  const month = currentMonth(now);
  return month.startsWith(`${year}-`) ? month : `${year}-12`;
}

export function useOverview(year: number) {
  return useQuery(OverviewDoc, {
    variables: { year, from: `${year}-01-01`, to: `${year}-12-31`, month: budgetMonthOf(year) },
  });
}
