// One audit event as the audit-log tables show it (my own log, and an admin's view of a
// user's log).
import { graphql } from '../gql';

export const AuditEventFieldsDoc = graphql(`
  fragment AuditEventFields on AuditEvent {
    id
    action
    entityType
    entityId
    reason
    ip
    userAgent
    createdAt
    actorId
  }
`);
