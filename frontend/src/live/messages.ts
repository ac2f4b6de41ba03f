// What the login page says after a session ended elsewhere, and what a budget notice says.
import type { BudgetThresholdCrossedSubscription, SessionEndReason } from '../gql/graphql';
import { monthLabel } from '../lib/dates';

const ENDED: Record<SessionEndReason, string> = {
  REVOKED: 'You were signed out: this session was revoked elsewhere.',
  LOGGED_OUT_EVERYWHERE: 'You were signed out: every session was logged out elsewhere.',
  PASSWORD_CHANGED: 'You were signed out: the password was changed.',
  USER_DISABLED: 'You were signed out: this account was disabled.',
  EXPIRED: 'You were signed out: the session expired.',
};

export function sessionEndedMessage(reason: SessionEndReason): string {
  return ENDED[reason] ?? 'You were signed out: this session ended.';
}

export type ThresholdCrossed = BudgetThresholdCrossedSubscription['budgetThresholdCrossed'];

/** "Groceries has used 80 % of its budget for Dec 2026." */
export function thresholdMessage({ month, thresholdPercent, line }: ThresholdCrossed): string {
  const name = line.budget.category.name;
  const when = monthLabel(month, true);
  return thresholdPercent >= 100
    ? `${name} has used its whole budget for ${when}.`
    : `${name} has used ${thresholdPercent} % of its budget for ${when}.`;
}
