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

export const ChangePasswordDoc = graphql(`
  mutation ChangePassword($input: ChangePasswordInput!) {
    changePassword(input: $input) {
      ...AuthFields
    }
  }
`);

export const SessionsDoc = graphql(`
  query Sessions {
    sessions {
      id
      createdAt
      lastUsedAt
      expiresAt
      userAgent
      ip
      current
    }
  }
`);

export const RevokeSessionDoc = graphql(`
  mutation RevokeSession($id: UUID!) {
    revokeSession(id: $id)
  }
`);

export const LogoutEverywhereDoc = graphql(`
  mutation LogoutEverywhere {
    logoutEverywhere
  }
`);

export const MyAuditLogDoc = graphql(`
  query MyAuditLog($first: Int!, $after: String) {
    myAuditLog(first: $first, after: $after) {
      edges {
        node {
          ...AuditEventFields
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);
