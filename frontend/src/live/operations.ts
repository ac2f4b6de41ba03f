// The dashboard's subscriptions (over the WebSocket, see socket.ts): ledger changes with the
// touched rows (Apollo's cache updates those rows wherever they show), budgets crossing a
// threshold this month, and this session's end.
import { graphql } from '../gql';

export const LedgerChangedDoc = graphql(`
  subscription LedgerChanged {
    ledgerChanged {
      kind
      transactionIds
      accountIds
      imported
      skipped
      transactions {
        ...TransactionRow
      }
    }
  }
`);

export const BudgetThresholdCrossedDoc = graphql(`
  subscription BudgetThresholdCrossed {
    budgetThresholdCrossed {
      month
      thresholdPercent
      line {
        budgeted
        spent
        usedPercent
        budget {
          id
          category {
            id
            name
          }
        }
      }
    }
  }
`);

export const SessionEndedDoc = graphql(`
  subscription SessionEnded {
    sessionEnded {
      reason
    }
  }
`);
