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

export const UpdateProfileDoc = graphql(`
  mutation UpdateProfile($input: UpdateProfileInput!) {
    updateProfile(input: $input) {
      id
      username
      baseCurrency
    }
  }
`);

export const ChangeEmailDoc = graphql(`
  mutation ChangeEmail($input: ChangeEmailInput!) {
    changeEmail(input: $input) {
      id
      email
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

