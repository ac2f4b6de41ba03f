// The auth operations that exist in schema.graphql today. Issue 4's (refreshSession,
// logout, sessions …) join here once they are in the schema; until then session.ts sends
// them as plain text (see PLANNED there).
import { graphql } from '../gql';

export const AuthFieldsDoc = graphql(`
  fragment AuthFields on AuthPayload {
    accessToken
    tokenType
    expiresAt
    user {
      id
      username
      email
      baseCurrency
    }
  }
`);

export const LoginDoc = graphql(`
  mutation Login($input: LoginInput!) {
    login(input: $input) {
      ...AuthFields
    }
  }
`);

export const SignupDoc = graphql(`
  mutation Signup($input: SignupInput!) {
    signup(input: $input) {
      ...AuthFields
    }
  }
`);
