// What an administrator can change about a user: the role, disabled or not. Each answer
// is the changed AdminUser, which Apollo's cache puts into the table by its id; a user's
// audit log on screen is reloaded (when asked), since the change is its newest event.
import { useMutation } from '@apollo/client';
import type { AdminUserFieldsFragment, Role } from '../../gql/graphql';
import { DisableUserDoc, EnableUserDoc, SetUserRoleDoc } from './operations';

export type UserChange =
  | { kind: 'role'; user: AdminUserFieldsFragment; role: Role }
  | { kind: 'disable'; user: AdminUserFieldsFragment }
  | { kind: 'enable'; user: AdminUserFieldsFragment };

export function useUserChanges() {
  const [setRole, roleState] = useMutation(SetUserRoleDoc);
  const [disable, disableState] = useMutation(DisableUserDoc);
  const [enable, enableState] = useMutation(EnableUserDoc);
  const states = [roleState, disableState, enableState];

  /** Apply `change` (then reload the audit log shown, if `logShown`); true when accepted. */
  async function apply(change: UserChange, logShown: boolean): Promise<boolean> {
    const userId = change.user.id;
    const refetchQueries = logShown ? ['UserAuditLog'] : [];
    const run =
      change.kind === 'role'
        ? setRole({ variables: { userId, role: change.role }, refetchQueries })
        : change.kind === 'disable'
          ? disable({ variables: { userId }, refetchQueries })
          : enable({ variables: { userId }, refetchQueries });
    const result = await run.catch(() => null);
    return !!result?.data;
  }

  return {
    apply,
    busy: states.some((s) => s.loading),
    error: states.find((s) => s.error)?.error ?? null,
    reset: () => states.forEach((s) => s.reset()),
  };
}
