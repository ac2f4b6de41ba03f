// The audit log's one query shape: a page of events (`AuditLogPage`), read from the viewer's
// own log (Settings) or, by an administrator, from a user's log (Admin).
import { graphql } from '../../gql';

export const AuditEventFieldsDoc = graphql(`
  fragment AuditEventFields on AuditEvent {
    id
    action
    entityType
    entityId
    entityName
    reason
    ip
    userAgent
    createdAt
    actorId
  }
`);

export const AuditLogPageDoc = graphql(`
  fragment AuditLogPage on AuditEventConnection {
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
`);

export const MyAuditLogDoc = graphql(`
  query MyAuditLog($first: Int!, $after: String) {
    myAuditLog(first: $first, after: $after) {
      ...AuditLogPage
    }
  }
`);

export const UserAuditLogDoc = graphql(`
  query UserAuditLog($userId: UUID!, $first: Int!, $after: String) {
    userAuditLog(userId: $userId, first: $first, after: $after) {
      ...AuditLogPage
    }
  }
`);
