// Names people read for the API's account kinds.
import type { AccountKind } from '../gql/graphql';

export const ACCOUNT_KINDS: readonly AccountKind[] = [
  'CHECKING',
  'SAVINGS',
  'CREDIT_CARD',
  'CASH',
  'INVESTMENT',
  'PROPERTY',
  'LOAN',
  'OTHER',
];

const LABELS: Record<AccountKind, string> = {
  CASH: 'Cash',
  CHECKING: 'Checking',
  CREDIT_CARD: 'Credit card',
  INVESTMENT: 'Investment',
  LOAN: 'Loan',
  OTHER: 'Other',
  PROPERTY: 'Property',
  SAVINGS: 'Savings',
};

export function kindLabel(kind: AccountKind): string {
  return LABELS[kind];
}

/** Kinds whose balance comes from valuations (statements, appraisals). */
export function isValued(kind: AccountKind): boolean {
  return kind === 'INVESTMENT' || kind === 'PROPERTY';
}
