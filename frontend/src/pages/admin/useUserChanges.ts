// What an administrator can change about a user: the role, disabled or not. Each answer
// is the changed AdminUser, which Apollo's cache puts into the table by its id; a user's
// audit log on screen is reloaded, since the change is its newest event.
import { useMutation } from '@apollo/client';
import type { AdminUserFieldsFragment, Role } from '../../gql/graphql';
import { DisableUserDoc, EnableUserDoc, SetUserRoleDoc } from './operations';

export type UserChange =
  | { kind: 'role'; user: AdminUserFieldsFragment; role: Role }
  | { kind: 'disable'; user: AdminUserFieldsFragment }
  | { kind: 'enable'; user: AdminUserFieldsFragment };

export function useUserChanges() {
  const refetch = { refetchQueries: ['UserAuditLog'] };
  const [setRole, roleState] = useMutation(SetUserRoleDoc, refetch);
  const [disable, disableState] = useMutation(DisableUserDoc, refetch);
  const [enable, enableState] = useMutation(EnableUserDoc, refetch);
  const states = [roleState, disableState, enableState];

  /** Apply `change`; true when the API accepted it. */
  async function apply(change: UserChange): Promise<boolean> {
    const userId = change.user.id;
    const run =
      change.kind === 'role'
        ? setRole({ variables: { userId, role: change.role } })
        : change.kind === 'disable'
          ? disable({ variables: { userId } })
          : enable({ variables: { userId } });
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
