//! What the database says when it refuses a write: which unique index decided a race, a
//! foreign key that no longer holds, or a conflict worth retrying — and the [`AppError`] each
//! becomes.
//!
//! Unique indexes are recognised by the name their migration gave them, never by words in an
//! error message. PostgreSQL names the violated constraint (sqlx: `DatabaseError::constraint`).
//! SQLite does not — sqlx has only its message, whose fixed form lists the index's columns
//! (`UNIQUE constraint failed: accounts.user_id, accounts.name`) — so each index is declared
//! here once with its name and columns ([`UniqueIndex`]), and SQLite's list must be exactly
//! those columns.

use sea_orm::sqlx::error::{DatabaseError, ErrorKind};
use sea_orm::{ConnectionTrait, DbErr, EntityTrait, RuntimeErr, Select};

use crate::error::AppError;

/// A unique index a service relies on to decide races, as its migration created it.
#[derive(Debug)]
pub(super) struct UniqueIndex {
    /// The index's (constraint's) name.
    name: &'static str,
    table: &'static str,
    /// Its columns, in order.
    columns: &'static [&'static str],
}

/// `users.email` (normalised).
pub(super) const USERS_EMAIL: UniqueIndex = index("ux_users_email", "users", &["email"]);
/// `users.username_key` (the lower-cased username).
pub(super) const USERS_USERNAME: UniqueIndex =
    index("ux_users_username_key", "users", &["username_key"]);
/// An account name per user.
pub(super) const ACCOUNT_NAMES: UniqueIndex =
    index("ux_accounts_user_id_name", "accounts", &["user_id", "name"]);
/// At most one default account per user (a partial index on `user_id`).
pub(super) const ONE_DEFAULT_ACCOUNT: UniqueIndex =
    index("ux_accounts_one_default", "accounts", &["user_id"]);
/// A sub-category name per parent.
pub(super) const CATEGORY_NAMES: UniqueIndex = index(
    "ux_categories_user_parent_name",
    "categories",
    &["user_id", "parent_id", "name"],
);
/// A top-level category name per user (a partial index: no parent).
pub(super) const TOP_CATEGORY_NAMES: UniqueIndex = index(
    "ux_categories_user_top_name",
    "categories",
    &["user_id", "name"],
);
/// An imported CSV row's fingerprint per account.
pub(super) const IMPORT_KEYS: UniqueIndex = index(
    "ux_transactions_user_account_import_key",
    "transactions",
    &["user_id", "account_id", "import_key"],
);
/// An idempotency key per user: the table's primary key, named by PostgreSQL's default.
pub(super) const IDEMPOTENCY_KEYS: UniqueIndex = index(
    "idempotency_keys_pkey",
    "idempotency_keys",
    &["user_id", "key"],
);

const fn index(
    name: &'static str,
    table: &'static str,
    columns: &'static [&'static str],
) -> UniqueIndex {
    UniqueIndex {
        name,
        table,
        columns,
    }
}

impl UniqueIndex {
    /// Did this index refuse the write that failed with `err`?
    pub(super) fn refused(&self, err: &DbErr) -> bool {
        let Some(db) = database_error(err) else {
            return false;
        };
        if db.kind() != ErrorKind::UniqueViolation {
            return false;
        }
        match db.constraint() {
            Some(name) => name == self.name,
            None => self.is_sqlite_report(db.message()),
        }
    }

    /// SQLite's report of a unique violation: `UNIQUE constraint failed: ` and then the
    /// index's `table.column`s, or `index '<name>'` for an index on expressions.
    fn is_sqlite_report(&self, message: &str) -> bool {
        let Some(failed) = message.strip_prefix("UNIQUE constraint failed: ") else {
            return false;
        };
        if let Some(name) = failed.strip_prefix("index '") {
            return name.strip_suffix('\'') == Some(self.name);
        }
        let mut columns = failed.split(", ");
        self.columns.iter().all(|column| {
            columns.next().and_then(|c| c.split_once('.')) == Some((self.table, *column))
        }) && columns.next().is_none()
    }
}

/// The database's own error behind `err`, if the database refused the statement.
fn database_error(err: &DbErr) -> Option<&(dyn DatabaseError + 'static)> {
    let (DbErr::Exec(RuntimeErr::SqlxError(sqlx)) | DbErr::Query(RuntimeErr::SqlxError(sqlx))) =
        err
    else {
        return None;
    };
    sqlx.as_database_error()
}

impl From<DbErr> for AppError {
    fn from(err: DbErr) -> Self {
        if is_unavailable(&err) {
            tracing::warn!(error = %err, "the database is unavailable");
            return Self::Unavailable;
        }
        if is_transient(&err) {
            return Self::Conflict {
                field: "request",
                message: "Another change to the same data happened at the same moment; try again"
                    .to_owned(),
            };
        }
        Self::Internal(err.into())
    }
}

/// A write that lost a race and can simply be retried: a PostgreSQL deadlock or
/// serialization failure, or SQLite still busy after its busy timeout.
fn is_transient(err: &DbErr) -> bool {
    let code = database_error(err).and_then(|db| db.code());
    matches!(code.as_deref(), Some("40P01" | "40001" | "5" | "517"))
}

/// The database cannot be reached or is going away: no connection could be had in time, the
/// connection broke (I/O, TLS), or PostgreSQL reports a connection exception (class 08) or an
/// operator intervention (class 57P: shutting down, cannot connect now). The client may retry.
fn is_unavailable(err: &DbErr) -> bool {
    use sea_orm::sqlx::Error as Sqlx;
    let (DbErr::Conn(RuntimeErr::SqlxError(sqlx))
    | DbErr::Exec(RuntimeErr::SqlxError(sqlx))
    | DbErr::Query(RuntimeErr::SqlxError(sqlx))) = err
    else {
        return matches!(err, DbErr::ConnectionAcquire(_));
    };
    match &**sqlx {
        Sqlx::Io(_) | Sqlx::Tls(_) | Sqlx::PoolTimedOut | Sqlx::PoolClosed => true,
        Sqlx::WorkerCrashed => true,
        Sqlx::Database(db) => db
            .code()
            .is_some_and(|code| code.starts_with("08") || code.starts_with("57P")),
        _ => false,
    }
}

/// `CONFLICT` on `input.name` unless `same_name` finds nothing; `taken` makes the error.
pub(super) async fn ensure_name_free<E: EntityTrait>(
    db: &impl ConnectionTrait,
    same_name: Select<E>,
    taken: fn() -> AppError,
) -> crate::error::AppResult<()> {
    match same_name.one(db).await? {
        Some(_) => Err(taken()),
        None => Ok(()),
    }
}

/// Two writes racing past `ensure_name_free`: the unique index on the name (one of
/// `indexes`) decides, with the same error.
pub(super) fn name_conflict(
    err: DbErr,
    indexes: &[&UniqueIndex],
    taken: fn() -> AppError,
) -> AppError {
    if indexes.iter().any(|index| index.refused(&err)) {
        taken()
    } else {
        err.into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sqlite_reports_match_exactly_the_columns_of_their_index() {
        let report = |columns: &str| format!("UNIQUE constraint failed: {columns}");
        assert!(ACCOUNT_NAMES.is_sqlite_report(&report("accounts.user_id, accounts.name")));
        assert!(ONE_DEFAULT_ACCOUNT.is_sqlite_report(&report("accounts.user_id")));
        assert!(!ONE_DEFAULT_ACCOUNT.is_sqlite_report(&report("accounts.user_id, accounts.name")));
        assert!(!ACCOUNT_NAMES.is_sqlite_report(&report("accounts.user_id")));
        assert!(!TOP_CATEGORY_NAMES.is_sqlite_report(&report(
            "categories.user_id, categories.parent_id, categories.name"
        )));
        assert!(
            IDEMPOTENCY_KEYS
                .is_sqlite_report(&report("idempotency_keys.user_id, idempotency_keys.key"))
        );
        assert!(IMPORT_KEYS.is_sqlite_report(
            "UNIQUE constraint failed: index 'ux_transactions_user_account_import_key'"
        ));
        assert!(!USERS_EMAIL.is_sqlite_report("NOT NULL constraint failed: users.email"));
    }

    /// The real reports of an SQLite database with Tally's schema name the declared columns.
    #[tokio::test]
    async fn each_index_recognises_its_own_refusal_on_sqlite() {
        let store = crate::service::Store::connect("sqlite::memory:", 1)
            .await
            .unwrap();
        store.migrate().await.unwrap();
        let db = store.conn();
        let user = |id: u8, name: &str, email: &str| {
            format!(
                "INSERT INTO users (id, username, username_key, email, password_hash, \
                 base_currency, created_at, updated_at) VALUES ('00000000-0000-0000-0000-00000000000{id}', \
                 '{name}', '{name}', '{email}', 'x', 'USD', '2026-01-01', '2026-01-01')"
            )
        };
        let refused =
            |sql: String| async move { db.execute_unprepared(&sql).await.map(|_| ()).unwrap_err() };
        db.execute_unprepared(&user(1, "ada", "ada@example.com"))
            .await
            .unwrap();
        let email = refused(user(2, "bob", "ada@example.com")).await;
        let username = refused(user(3, "ada", "bob@example.com")).await;
        assert!(USERS_EMAIL.refused(&email) && !USERS_USERNAME.refused(&email));
        assert!(USERS_USERNAME.refused(&username) && !USERS_EMAIL.refused(&username));
    }
}
