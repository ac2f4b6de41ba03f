// The frame of every logged-in page: a skip link, the navigation (a menu behind a button
// on a narrow screen; Admin only for administrators), the user and "Log out"; live
// updates (subscriptions) while logged in, with their notices above the page.
import { Suspense, useId, useState } from 'react';
import { NavLink, Outlet } from 'react-router';
import { useAuth } from '../auth/AuthContext';
import { isAdmin, useViewerRole } from '../auth/roles';
import { LiveUpdates } from '../live/LiveUpdates';
import { Loading } from './Loading';

const LINKS = [
  ['/', 'Overview'],
  ['/transactions', 'Transactions'],
  ['/net-worth', 'Net worth'],
  ['/accounts', 'Accounts'],
  ['/categories', 'Categories'],
  ['/budgets', 'Budgets'],
  ['/recurring', 'Recurring'],
  ['/rules', 'Rules'],
  ['/settings', 'Settings'],
] as const;

export function Layout() {
  const auth = useAuth();
  const user = auth.session?.user;
  const { role, username } = useViewerRole();
  const [open, setOpen] = useState(false);
  const navId = useId();
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar" onKeyDown={(e) => e.key === 'Escape' && setOpen(false)}>
        <span className="brand">Tally</span>
        <button type="button" className="menu-button" aria-expanded={open} aria-controls={navId} onClick={() => setOpen((o) => !o)}>
          <span aria-hidden="true">☰</span> Menu
        </button>
        {/* A link followed from the menu closes it. */}
        <nav aria-label="Main" id={navId} className={open ? 'open' : undefined} onClick={() => setOpen(false)}>
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
        <div className={open ? 'user open' : 'user'}>
          <span aria-label="Logged in as">{username ?? user?.username}</span>
          <button type="button" onClick={() => void auth.signOut()}>
            Log out
          </button>
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        <LiveUpdates />
        <Suspense fallback={<Loading />}>
          <Outlet />
        </Suspense>
      </main>
    </>
  );
}
