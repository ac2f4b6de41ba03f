//! Users: sign-up (with the default account and categories, and a first session), the one
//! password check ([`credentials`]), login ([`login`]) and the step every sign-in ends with
//! ([`sign_in`]), password change ([`password`]), and
//! `me`.

pub(super) mod credentials;
mod login;
mod password;
mod profile;
mod set_password;
pub mod sign_in;
pub mod two_factor;

pub use credentials::LockoutPolicy;
pub use login::login;
pub use password::{Continued, PasswordChange, change_password};
pub use profile::{EmailChange, ProfilePatch, change_email, update_profile};
pub use set_password::set_password;
pub use sign_in::{Answer, SignIn, SignInMethod, complete_two_factor};

use chrono::Utc;
use sea_orm::{ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter};
use uuid::Uuid;

use super::audit::{self, Action, Event};
use super::constraints::{USERS_EMAIL, USERS_USERNAME};
use super::entities::user;
use super::sessions::{self, Grant, SessionSettings};
pub use super::user_record::User;
pub(super) use super::user_record::to_user;
use super::{Store, accounts, categories};
use crate::auth::policy::{self, Identity};
use crate::auth::{ClientInfo, PasswordHasher, Viewer};
use crate::error::{AppError, AppResult};
use crate::money::Currency;

/// The base currency of a user who names none at sign-up.
pub const DEFAULT_BASE_CURRENCY: &str = "USD";

/// What sign-up needs.
pub struct NewUser {
    pub username: String,
    pub email: String,
    pub password: String,
    pub base_currency: Option<String>,
}

/// The one answer to every failed login (and to a wrong password at `deleteMyAccount`):
/// unknown email, wrong password, a locked and a disabled account look the same.
pub(super) const INVALID_CREDENTIALS: AppError =
    AppError::Unauthenticated("Invalid email or password");

/// Create a user with a default account, the default categories and a first session, all
/// in one transaction (with its audit event).
#[tracing::instrument(skip_all)]
pub async fn signup(
    store: &Store,
    hasher: &PasswordHasher,
    input: NewUser,
    client: &ClientInfo,
    settings: &SessionSettings,
) -> AppResult<(User, Grant)> {
    let username = validate_username(&input.username)?;
    let email = normalize_email(&input.email)?;
    let identity = Identity {
        email: &email,
        username: &username,
    };
    let password = policy::new_password(input.password, "input.password", identity).await?;
    let currency = match input.base_currency.as_deref() {
        None => Currency::parse(DEFAULT_BASE_CURRENCY).map_err(AppError::internal)?,
        Some(code) => Currency::parse(code)
            .map_err(|err| AppError::bad_input("input.baseCurrency", err.to_string()))?,
    };
    ensure_unique(store, &username, &email).await?;
    let password_hash = hasher.hash(&password).await?;

    let now = Utc::now();
    let txn = store.begin().await?;
    let row = NewRow {
        username,
        email,
        password_hash,
        currency,
    };
    let model = create(&txn, row, now).await?;
    let grant = sessions::start(&txn, &model, client, settings, now).await?;
    audit::record(&txn, Event::about(Some(model.id), Action::Signup, client)).await?;
    txn.commit().await?;
    Ok((to_user(model)?, grant))
}

/// A user row to insert.
pub(super) struct NewRow {
    pub username: String,
    pub email: String,
    /// Empty for an account without a password (made through a sign-in provider).
    pub password_hash: String,
    pub currency: Currency,
}

/// Insert a user with its default account and categories, in `db` (a transaction).
pub(super) async fn create(
    db: &impl sea_orm::ConnectionTrait,
    row: NewRow,
    now: chrono::DateTime<Utc>,
) -> AppResult<user::Model> {
    let active = user::ActiveModel {
        id: Set(Uuid::now_v7()),
        username_key: Set(row.username.to_lowercase()),
        username: Set(row.username),
        email: Set(row.email),
        password_hash: Set(row.password_hash),
        role: Set("USER".to_owned()),
        base_currency: Set(row.currency.code().to_owned()),
        created_at: Set(now),
        updated_at: Set(now),
        token_version: Set(0),
        disabled_at: Set(None),
        failed_logins: Set(0),
        locked_until: Set(None),
        last_login_at: Set(Some(now)),
    };
    let model = user::Entity::insert(active)
        .exec_with_returning(db)
        .await
        .map_err(conflict_from_unique_violation)?;
    accounts::create_default(db, model.id, row.currency, now).await?;
    categories::create_defaults(db, model.id, now).await?;
    Ok(model)
}

/// The viewer's own user record.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn me(store: &Store, viewer: &Viewer) -> AppResult<User> {
    let model = user::Entity::find_by_id(viewer.user_id())
        .one(store.conn())
        .await?;
    model
        .map(to_user)
        .unwrap_or(Err(AppError::Unauthenticated("This user no longer exists")))
}

/// Does the viewer's user row still exist?
pub(super) async fn exists(db: &impl sea_orm::ConnectionTrait, viewer: &Viewer) -> AppResult<bool> {
    Ok(user::Entity::find_by_id(viewer.user_id())
        .one(db)
        .await?
        .is_some())
}

async fn ensure_unique(store: &Store, username: &str, email: &str) -> AppResult<()> {
    let email_taken = user::Entity::find()
        .filter(user::Column::Email.eq(email))
        .one(store.conn())
        .await?
        .is_some();
    if email_taken {
        return Err(email_conflict());
    }
    let username_taken = user::Entity::find()
        .filter(user::Column::UsernameKey.eq(username.to_lowercase()))
        .one(store.conn())
        .await?
        .is_some();
    if username_taken {
        return Err(username_conflict());
    }
    Ok(())
}

/// Two sign-ups racing past `ensure_unique`: the unique index decides, with the same error.
fn conflict_from_unique_violation(err: sea_orm::DbErr) -> AppError {
    if USERS_EMAIL.refused(&err) {
        email_conflict()
    } else if USERS_USERNAME.refused(&err) {
        username_conflict()
    } else {
        err.into()
    }
}

fn email_conflict() -> AppError {
    AppError::Conflict {
        field: "input.email",
        message: "An account with this email already exists".to_owned(),
    }
}

fn username_conflict() -> AppError {
    AppError::Conflict {
        field: "input.username",
        message: "This username is taken".to_owned(),
    }
}

/// A username is 3–32 characters of `A–Z a–z 0–9 _ . -`.
pub(super) fn validate_username(raw: &str) -> AppResult<String> {
    let name = raw.trim();
    let valid_chars = name
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || "_.-".contains(c));
    if !(3..=32).contains(&name.len()) || !valid_chars {
        return Err(AppError::bad_input(
            "input.username",
            "Username must be 3 to 32 characters of letters, digits, '_', '.' or '-'",
        ));
    }
    Ok(name.to_owned())
}

/// Trim and lower-case an email, and check its shape (one `@`, a dotted domain, no spaces).
pub(super) fn normalize_email(raw: &str) -> AppResult<String> {
    let email = raw.trim().to_lowercase();
    let invalid = || AppError::bad_input("input.email", "Enter a valid email address");
    if email.len() > 254 || email.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(invalid());
    }
    let (local, domain) = email.split_once('@').ok_or_else(invalid)?;
    let domain_ok = domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !domain.contains("..")
        && !domain.contains('@');
    if local.is_empty() || local.len() > 64 || !domain_ok {
        return Err(invalid());
    }
    Ok(email)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails_are_trimmed_and_lower_cased() {
        assert_eq!(
            normalize_email("  Ada@Example.COM ").unwrap(),
            "ada@example.com"
        );
    }

    #[test]
    fn malformed_emails_are_refused() {
        for bad in [
            "",
            "ada",
            "ada@",
            "@example.com",
            "ada@example",
            "a b@example.com",
            "ada@@example.com",
            "ada@example..com",
            "ada@.example.com",
        ] {
            assert!(normalize_email(bad).is_err(), "{bad:?} accepted");
        }
    }

    #[test]
    fn usernames_follow_the_character_and_length_rules() {
        assert_eq!(
            validate_username(" ada.lovelace_1-x ").unwrap(),
            "ada.lovelace_1-x"
        );
        for bad in ["ab", &"a".repeat(33), "ada lovelace", "ädä", "ada@home"] {
            assert!(validate_username(bad).is_err(), "{bad:?} accepted");
        }
    }
}
