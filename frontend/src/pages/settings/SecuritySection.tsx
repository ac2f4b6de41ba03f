// Security: linked sign-in providers (and a first password without one), change the password,
// two-factor sign-in, see and end sessions (one, or all with "Log out
// everywhere"), and read the account's audit log.
import { AuditLogPanel } from './AuditLogPanel';
import { ChangePasswordForm } from './ChangePasswordForm';
import { SessionsPanel } from './SessionsPanel';
import { SignInMethodsPanel } from './SignInMethodsPanel';
import { TwoFactorSection } from './TwoFactorSection';

export function SecuritySection() {
  return (
    <section aria-labelledby="security-h">
      <h2 id="security-h" className="section-title">
        Security
      </h2>
      <SignInMethodsPanel />
      <ChangePasswordForm />
      <TwoFactorSection />
      <SessionsPanel />
      <AuditLogPanel />
    </section>
  );
}
