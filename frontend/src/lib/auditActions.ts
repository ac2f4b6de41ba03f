// Words for the audit log's actions. A Record over the schema's enum: a new action in
// schema.graphql fails the typecheck until it has a label here.
import type { AuditAction } from '../gql/graphql';

const LABELS: Record<AuditAction, string> = {
  ACCOUNT_DELETED: 'Account deleted',
  CREATED: 'Created',
  DELETED: 'Deleted',
  EMAIL_CHANGED: 'Email changed',
  IMPORTED: 'Imported transactions',
  LOGIN_FAILED: 'Login failed',
  LOGIN_SUCCEEDED: 'Logged in',
  LOGOUT: 'Logged out',
  LOGOUT_EVERYWHERE: 'Logged out everywhere',
  OIDC_LINKED: 'Sign-in provider linked',
  OIDC_UNLINKED: 'Sign-in provider unlinked',
  PASSWORD_CHANGED: 'Password changed',
  PROFILE_UPDATED: 'Profile changed',
  RECOVERY_CODES_REGENERATED: 'New recovery codes',
  RECOVERY_CODE_USED: 'Recovery code used',
  REFRESH_REUSE_DETECTED: 'Reused refresh token refused',
  ROLE_CHANGED: 'Role changed',
  SESSION_REFRESHED: 'Session refreshed',
  SESSION_REVOKED: 'Session revoked',
  SIGNUP: 'Signed up',
  TWO_FACTOR_DISABLED: 'Two-factor sign-in turned off',
  TWO_FACTOR_ENABLED: 'Two-factor sign-in turned on',
  TWO_FACTOR_ENROLMENT_STARTED: 'Two-factor setup started',
  TWO_FACTOR_FAILED: 'Two-factor code refused',
  UPDATED: 'Updated',
  USER_DISABLED: 'Account disabled',
  USER_ENABLED: 'Account enabled',
};

export function auditActionLabel(action: AuditAction): string {
  return LABELS[action];
}
