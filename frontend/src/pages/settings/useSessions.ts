// The viewer's sessions and the two ways to end them: one (revokeSession) or all
// (logoutEverywhere). Ending the current session, either way, logs this page out.
import { useMutation, useQuery } from '@apollo/client';
import { useAuth } from '../../auth/AuthContext';
import type { SessionsQuery } from '../../gql/graphql';
import { LogoutEverywhereDoc, RevokeSessionDoc, SessionsDoc } from './operations';

export type SessionRow = SessionsQuery['sessions'][number];

export const REVOKED_CURRENT = 'You ended this session. Log in again to continue.';
export const LOGGED_OUT_EVERYWHERE = 'You have been logged out on every device.';

export function useSessions() {
  const auth = useAuth();
  const query = useQuery(SessionsDoc);
  const [revokeMutation, revoking] = useMutation(RevokeSessionDoc);
  const [everywhereMutation, leaving] = useMutation(LogoutEverywhereDoc);

  /** Revoke `row`; true when it is done. */
  async function revoke(row: SessionRow): Promise<boolean> {
    const result = await revokeMutation({ variables: { id: row.id } }).catch(() => null);
    if (!result?.data?.revokeSession) return false;
    if (row.current) auth.ended(REVOKED_CURRENT);
    else await query.refetch().catch(() => undefined);
    return true;
  }

  async function logoutEverywhere(): Promise<boolean> {
    const result = await everywhereMutation().catch(() => null);
    if (!result?.data?.logoutEverywhere) return false;
    auth.ended(LOGGED_OUT_EVERYWHERE);
    return true;
  }

  return {
    ...query,
    revoke,
    revoking: revoking.loading,
    revokeError: revoking.error,
    resetRevoke: revoking.reset,
    logoutEverywhere,
    leaving: leaving.loading,
    leaveError: leaving.error,
    resetLeave: leaving.reset,
  };
}
