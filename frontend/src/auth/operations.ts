// The auth operations: login and signup (the refresh token stays in the HttpOnly cookie:
// `refreshTokenInBody` is never asked for), the cookie refresh, logout, and the viewer's
// role for the admin page.
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

/** No arguments: the browser sends the `tally_refresh` cookie (Path=/graphql) as the token. */
export const RefreshSessionDoc = graphql(`
  mutation RefreshSession {
    refreshSession {
      ...AuthFields
    }
  }
`);

/** With the access token: ends that session; without: the cookie's. Clears the cookie. */
export const LogoutDoc = graphql(`
  mutation Logout {
    logout
  }
`);

/** Who is logged in and whether they may see the admin page. */
export const ViewerDoc = graphql(`
  query Viewer {
    me {
      id
      role
      username
    }
  }
`);

/** The second step of a login with two-factor sign-in: a code or a recovery code. */
export const CompleteTwoFactorLoginDoc = graphql(`
  mutation CompleteTwoFactorLogin($input: CompleteTwoFactorLoginInput!) {
    completeTwoFactorLogin(input: $input) {
      ...AuthFields
    }
  }
`);
