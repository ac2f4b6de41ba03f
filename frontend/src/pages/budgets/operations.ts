// Operations of the Budgets page.
import { graphql } from '../../gql';

export const BudgetsPageDoc = graphql(`
  query BudgetsPage($month: Month!) {
    budgetStatus(month: $month) {
      ...BudgetStatusFields
    }
    categories {
      id
      name
      kind
      children {
        id
        name
        kind
      }
    }
  }
`);

export const SetBudgetDoc = graphql(`
  mutation SetBudget($input: SetBudgetInput!) {
    setBudget(input: $input) {
      id
      amount
    }
  }
`);

export const DeleteBudgetDoc = graphql(`
  mutation DeleteBudget($id: UUID!) {
    deleteBudget(id: $id)
  }
`);

export const CopyBudgetsDoc = graphql(`
  mutation CopyBudgets($month: Month!) {
    copyBudgets(month: $month) {
      id
    }
  }
`);
