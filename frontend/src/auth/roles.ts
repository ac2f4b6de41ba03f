// Who may see the admin pages. `role` arrives on the user with issue 4 (`me { role }`,
// USER | ADMIN); once the AuthFields fragment selects it, admins get the Admin page with
// no change here. Until then no user has a role, so nobody is an admin.
import type { Session } from './sessionStore';

export function isAdmin(user: Session['user'] | null | undefined): boolean {
  return !!user && 'role' in user && (user as { role?: unknown }).role === 'ADMIN';
}
