// The dashboard's routes: login and signup for everyone, the rest behind the login.
import { Navigate, Route, Routes } from 'react-router';
import { useAuth } from './auth/AuthContext';
import { isAdmin } from './auth/roles';
import { Layout } from './components/Layout';
import { RequireAuth } from './components/RequireAuth';
import { AccountsPage } from './pages/accounts/AccountsPage';
import { AdminPage } from './pages/admin/AdminPage';
import { LoginPage } from './pages/auth/LoginPage';
import { SignupPage } from './pages/auth/SignupPage';
import { BudgetsPage } from './pages/budgets/BudgetsPage';
import { CategoriesPage } from './pages/categories/CategoriesPage';
import { NetWorthPage } from './pages/netWorth/NetWorthPage';
import { NotFoundPage } from './pages/NotFoundPage';
import { OverviewPage } from './pages/overview/OverviewPage';
import { SettingsPage } from './pages/settings/SettingsPage';
import { TransactionsPage } from './pages/transactions/TransactionsPage';

function AdminOnly() {
  const auth = useAuth();
  return isAdmin(auth.session?.user) ? <AdminPage /> : <Navigate to="/" replace />;
}

export function App() {
  return (
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
        <Route path="settings" element={<SettingsPage />} />
        <Route path="admin" element={<AdminOnly />} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
