// Operations of the Net worth page.
import { graphql } from '../../gql';

export const NetWorthPageDoc = graphql(`
  query NetWorthPage($from: Month!, $to: Month!) {
    netWorth(from: $from, to: $to) {
      currency
      current {
        ...NetWorthMonthFields
      }
      months {
        ...NetWorthMonthFields
      }
      allocation {
        kind
        amount
        share
      }
    }
    accounts {
      id
      name
      kind
      currency
      balance
      archived
    }
    valuations {
      id
      date
      value
      currency
      account {
        id
        name
      }
    }
  }
`);

export const NetWorthMonthDoc = graphql(`
  fragment NetWorthMonthFields on NetWorthMonth {
    month
    total
    assets
    liabilities
    changeFromPreviousMonth {
      amount
      percent
    }
    changeYearToDate {
      amount
      percent
    }
  }
`);

export const SetValuationDoc = graphql(`
  mutation SetValuation($input: SetValuationInput!) {
    setValuation(input: $input) {
      id
    }
  }
`);

export const DeleteValuationDoc = graphql(`
  mutation DeleteValuation($id: UUID!) {
    deleteValuation(id: $id)
  }
`);
