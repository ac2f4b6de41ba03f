// The dashboard's routes: login and signup for everyone, the rest behind the login. Each
// logged-in page is its own chunk (loaded on first visit), so the login page stays small.
import { lazy, Suspense } from 'react';
import { Route, Routes } from 'react-router';
import { isAdmin, useViewerRole } from './auth/roles';
import { Layout } from './components/Layout';
import { Loading } from './components/Loading';
import { RequireAuth } from './components/RequireAuth';
import { LoginPage } from './pages/auth/LoginPage';
import { SignupPage } from './pages/auth/SignupPage';
import { NotAllowedPage } from './pages/NotAllowedPage';
import { NotFoundPage } from './pages/NotFoundPage';

const OverviewPage = lazy(() => import('./pages/overview/OverviewPage').then((m) => ({ default: m.OverviewPage })));
const TransactionsPage = lazy(() => import('./pages/transactions/TransactionsPage').then((m) => ({ default: m.TransactionsPage })));
const NetWorthPage = lazy(() => import('./pages/netWorth/NetWorthPage').then((m) => ({ default: m.NetWorthPage })));
const AccountsPage = lazy(() => import('./pages/accounts/AccountsPage').then((m) => ({ default: m.AccountsPage })));
const CategoriesPage = lazy(() => import('./pages/categories/CategoriesPage').then((m) => ({ default: m.CategoriesPage })));
const RecurringPage = lazy(() => import('./pages/recurring/RecurringPage').then((m) => ({ default: m.RecurringPage })));
const RulesPage = lazy(() => import('./pages/rules/RulesPage').then((m) => ({ default: m.RulesPage })));
const BudgetsPage = lazy(() => import('./pages/budgets/BudgetsPage').then((m) => ({ default: m.BudgetsPage })));
const SettingsPage = lazy(() => import('./pages/settings/SettingsPage').then((m) => ({ default: m.SettingsPage })));
const AdminPage = lazy(() => import('./pages/admin/AdminPage').then((m) => ({ default: m.AdminPage })));

/** The admin page for administrators (`me { role }`); anyone else is told it is not for them. */
function AdminOnly() {
  const { role, loading } = useViewerRole();
  if (role === undefined && loading) return <Loading />;
  return isAdmin(role) ? <AdminPage /> : <NotAllowedPage />;
}

export function App() {
  return (
    <Suspense fallback={<Loading />}>
      <Routes>
        <Route path="/login" element={<LoginPage />} />
        <Route path="/signup" element={<SignupPage />} />
        <Route
          element={
            <RequireAuth>
              <Layout />
            </RequireAuth>
          }
        >
          <Route index element={<OverviewPage />} />
          <Route path="transactions" element={<TransactionsPage />} />
          <Route path="net-worth" element={<NetWorthPage />} />
          <Route path="accounts" element={<AccountsPage />} />
          <Route path="categories" element={<CategoriesPage />} />
          <Route path="budgets" element={<BudgetsPage />} />
          <Route path="recurring" element={<RecurringPage />} />
          <Route path="rules" element={<RulesPage />} />
          <Route path="settings" element={<SettingsPage />} />
          <Route path="admin" element={<AdminOnly />} />
          <Route path="*" element={<NotFoundPage />} />
        </Route>
      </Routes>
    </Suspense>
  );
}
