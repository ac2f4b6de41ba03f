// How a month's budgets stand, as the Overview and Budgets pages show them.
import { graphql } from '../../gql';

export const BudgetStatusFieldsDoc = graphql(`
  fragment BudgetStatusFields on BudgetStatus {
    currency
    month
    totalBudgeted
    totalSpent
    totalRemaining
    totalUsedPercent
    unbudgetedSpent
    lines {
      budgeted
      spent
      remaining
      usedPercent
      countedInTotals
      budget {
        id
        category {
          id
          name
          parent {
            id
            name
          }
        }
      }
    }
  }
`);
