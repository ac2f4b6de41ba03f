// Every operation of the Transactions page.
import { graphql } from '../../gql';

export const TransactionsPageDoc = graphql(`
  query TransactionsPage(
    $first: Int!
    $after: String
    $filter: TransactionFilter
    $orderBy: TransactionOrder
  ) {
    transactions(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {
      totalCount
      totals {
        currency
        count
        moneyIn
        moneyOut
        net
      }
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        cursor
        runningBalance
        node {
          ...TransactionRow
        }
      }
    }
    accounts {
      id
      name
      currency
      kind
      archived
      isDefault
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
    tags {
      name
      transactionCount
    }
  }
`);

export const TransactionRowDoc = graphql(`
  fragment TransactionRow on Transaction {
    id
    date
    amount
    currency
    description
    notes
    tags
    transferId
    account {
      id
      name
    }
    category {
      id
      name
    }
  }
`);

export const CreateTransactionDoc = graphql(`
  mutation CreateTransaction($input: CreateTransactionInput!) {
    createTransaction(input: $input) {
      ...TransactionRow
    }
  }
`);

export const UpdateTransactionDoc = graphql(`
  mutation UpdateTransaction($id: UUID!, $input: UpdateTransactionInput!) {
    updateTransaction(id: $id, input: $input) {
      ...TransactionRow
    }
  }
`);

export const DeleteTransactionDoc = graphql(`
  mutation DeleteTransaction($id: UUID!) {
    deleteTransaction(id: $id)
  }
`);

export const UpdateTransactionsDoc = graphql(`
  mutation UpdateTransactions($input: UpdateTransactionsInput!) {
    updateTransactions(input: $input) {
      ...TransactionRow
    }
  }
`);

export const DeleteTransactionsDoc = graphql(`
  mutation DeleteTransactions($ids: [UUID!]!) {
    deleteTransactions(ids: $ids)
  }
`);

export const CreateTransferDoc = graphql(`
  mutation CreateTransfer($input: CreateTransferInput!) {
    createTransfer(input: $input) {
      id
    }
  }
`);

export const ImportTransactionsDoc = graphql(`
  mutation ImportTransactions($input: ImportTransactionsInput!) {
    importTransactions(input: $input) {
      imported
      duplicates
      errorCount
      errors {
        row
        column
        message
      }
    }
  }
`);

export const ExportTransactionsDoc = graphql(`
  query ExportTransactions($filter: TransactionFilter) {
    exportTransactions(filter: $filter)
  }
`);
