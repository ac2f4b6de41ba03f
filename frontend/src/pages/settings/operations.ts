// Operations of the Settings page.
import { graphql } from '../../gql';

export const SettingsPageDoc = graphql(`
  query SettingsPage {
    me {
      id
      username
      email
      baseCurrency
      createdAt
    }
  }
`);

export const ExportMyDataDoc = graphql(`
  query ExportMyData {
    exportMyData
  }
`);

export const DeleteMyAccountDoc = graphql(`
  mutation DeleteMyAccount($password: String!) {
    deleteMyAccount(password: $password)
  }
`);
