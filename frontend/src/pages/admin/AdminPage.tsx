// Admin (users, roles, disable/enable, audit log). Reachable only for `role == ADMIN`,
// which the API does not report before issue 4, so nobody reaches it yet; the admin
// operations are to be written here against their real names once they are in
// schema.graphql.
export function AdminPage() {
  return (
    <>
      <div className="page-head">
        <h1>Admin</h1>
      </div>
      <p className="empty">The administration API is not available on this server yet.</p>
    </>
  );
}
