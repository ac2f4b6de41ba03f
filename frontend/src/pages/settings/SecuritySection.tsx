// Password, sessions and the audit log: the API for these (changePassword, sessions,
// revokeSession, logoutEverywhere, myAuditLog) arrives with issue 4 and is not in
// schema.graphql yet, so this section says so instead of offering controls that cannot
// work. When it lands, this file becomes the home of ChangePasswordForm, SessionList
// (with revoke and "log out everywhere") and AuditLogTable, each with its graphql()
// operation.
export function SecuritySection() {
  return (
    <section className="panel" aria-labelledby="security-h">
      <h2 id="security-h">Security</h2>
      <p>
        Changing your password, seeing and revoking your active sessions, logging out
        everywhere and reading your account's audit log will be available here once
        Tally's session management ships.
      </p>
    </section>
  );
}
