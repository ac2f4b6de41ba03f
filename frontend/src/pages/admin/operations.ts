// Operations of the Admin page: the users (search, keyset pages), role changes,
// disabling and enabling, and one user's audit log. Every one is FORBIDDEN for non-admins.
import { graphql } from '../../gql';

export const AdminUserFieldsDoc = graphql(`
  fragment AdminUserFields on AdminUser {
    id
    username
    email
    role
    disabled
    disabledAt
    createdAt
    lastLoginAt
    failedLogins
    lockedUntil
  }
`);

export const AdminUsersDoc = graphql(`
  query AdminUsers($first: Int!, $after: String, $search: String) {
    users(first: $first, after: $after, search: $search) {
      totalCount
      edges {
        node {
          ...AdminUserFields
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

export const SetUserRoleDoc = graphql(`
  mutation SetUserRole($userId: UUID!, $role: Role!) {
    setUserRole(userId: $userId, role: $role) {
      ...AdminUserFields
    }
  }
`);

export const DisableUserDoc = graphql(`
  mutation DisableUser($userId: UUID!) {
    disableUser(userId: $userId) {
      ...AdminUserFields
    }
  }
`);

export const EnableUserDoc = graphql(`
  mutation EnableUser($userId: UUID!) {
    enableUser(userId: $userId) {
      ...AdminUserFields
    }
  }
`);

