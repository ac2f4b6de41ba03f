//! The end of every successful sign-in, whatever proved who the user is: a password
//! ([`super::login`]) or a provider's ID token (`service::oidc`). One place decides what the
//! caller gets — a session now, or (with a second factor) a challenge to answer first — and
//! writes the audit event naming the method (a provider's sign-in: reason `OIDC`, the
//! provider as its entity).

use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, DatabaseTransaction, EntityTrait, QueryFilter};

use crate::auth::ClientInfo;
use crate::error::AppResult;
use crate::service::audit::{self, Action, Event};
use crate::service::entities::user;
use crate::service::sessions::{self, Grant, SessionSettings};

/// How the user proved who they are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SignInMethod {
    Password,
    Oidc { provider: String },
}

/// What a successful first step of sign-in gives.
#[derive(Debug)]
pub enum SignIn {
    /// Signed in: a new session.
    Session(Grant),
    /// A second factor is due: answer the challenge `token` before `expires_at`.
    #[allow(dead_code)] // constructed by two-factor
    Challenge {
        token: String,
        expires_at: DateTime<Utc>,
    },
}

/// Finish signing `user` in by `method`, inside `txn` (the caller commits): the last login
/// time, a new session and its audit event.
pub async fn finish(
    txn: &DatabaseTransaction,
    user: &user::Model,
    client: &ClientInfo,
    settings: &SessionSettings,
    method: SignInMethod,
    now: DateTime<Utc>,
) -> AppResult<SignIn> {
    user::Entity::update_many()
        .col_expr(user::Column::LastLoginAt, Expr::value(Some(now)))
        .filter(user::Column::Id.eq(user.id))
        .exec(txn)
        .await?;
    let grant = sessions::start(txn, user, client, settings, now).await?;
    let event = Event::about(Some(user.id), Action::LoginSucceeded, client);
    // A password login's event stays as it always was; a provider's names the provider.
    let event = match &method {
        SignInMethod::Password => event,
        SignInMethod::Oidc { provider } => event.reason("OIDC").entity("oidc_provider", provider),
    };
    audit::record(txn, event).await?;
    Ok(SignIn::Session(grant))
}
