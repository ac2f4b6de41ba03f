// Operations of the Accounts page.
import { graphql } from '../../gql';

export const AccountsPageDoc = graphql(`
  query AccountsPage {
    me {
      id
      baseCurrency
    }
    accounts {
      ...AccountFields
    }
  }
`);

export const AccountFieldsDoc = graphql(`
  fragment AccountFields on Account {
    id
    name
    kind
    currency
    institution
    openingBalance
    balance
    archived
    isDefault
  }
`);

export const CreateAccountDoc = graphql(`
  mutation CreateAccount($input: CreateAccountInput!) {
    createAccount(input: $input) {
      ...AccountFields
    }
  }
`);

export const UpdateAccountDoc = graphql(`
  mutation UpdateAccount($id: UUID!, $input: UpdateAccountInput!) {
    updateAccount(id: $id, input: $input) {
      ...AccountFields
    }
  }
`);

export const DeleteAccountDoc = graphql(`
  mutation DeleteAccount($id: UUID!) {
    deleteAccount(id: $id) {
      id
      archived
    }
  }
`);
