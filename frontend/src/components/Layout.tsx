// The frame of every logged-in page: a skip link, the navigation (wraps on a phone; Admin
// only for administrators), the user and "Log out".
import { Suspense } from 'react';
import { NavLink, Outlet } from 'react-router';
import { useAuth } from '../auth/AuthContext';
import { isAdmin, useViewerRole } from '../auth/roles';
import { Loading } from './Loading';

const LINKS = [
  ['/', 'Overview'],
  ['/transactions', 'Transactions'],
  ['/net-worth', 'Net worth'],
  ['/accounts', 'Accounts'],
  ['/categories', 'Categories'],
  ['/budgets', 'Budgets'],
  ['/settings', 'Settings'],
] as const;

export function Layout() {
  const auth = useAuth();
  const user = auth.session?.user;
  const { role } = useViewerRole();
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <span className="brand">Tally</span>
        <nav aria-label="Main">
          <ul>
            {LINKS.map(([to, label]) => (
              <li key={to}>
                <NavLink to={to} end={to === '/'}>
                  {label}
                </NavLink>
              </li>
            ))}
            {isAdmin(role) && (
              <li>
                <NavLink to="/admin">Admin</NavLink>
              </li>
            )}
          </ul>
        </nav>
        <div className="user">
          <span aria-label="Logged in as">{user?.username}</span>
          <button type="button" onClick={() => void auth.signOut()}>
            Log out
          </button>
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        <Suspense fallback={<Loading />}>
          <Outlet />
        </Suspense>
      </main>
    </>
  );
}
