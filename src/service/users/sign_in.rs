//! The one step every way of signing in ends with: a user whose first factor was verified
//! (a right password, an OpenID Connect login) becomes a session — or, when the user has a
//! second factor on, a two-factor challenge, answered through [`complete_two_factor`] which
//! then starts the session the same way ([`start_session`]). Whatever the way in, the session, `last_login_at` and the audit
//! event (which names the method) are made here.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

use super::two_factor::{self, Proof, Redeemed};
use super::{LockoutPolicy, User, to_user};
use crate::auth::ClientInfo;
use crate::auth::sealing::Sealer;
use crate::error::AppResult;
use crate::service::Store;
use crate::service::Txn;
use crate::service::audit::{self, Action, Event};
use crate::service::entities::user;
use crate::service::sessions::{self, Grant, SessionSettings};

/// How the first factor was passed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SignInMethod {
    Password,
    Oidc { provider: String },
}

impl SignInMethod {
    /// As a challenge stores it.
    pub(in crate::service) fn stored(&self) -> String {
        match self {
            Self::Password => "PASSWORD".to_owned(),
            Self::Oidc { provider } => format!("OIDC:{provider}"),
        }
    }

    /// Read back from [`SignInMethod::stored`].
    pub(in crate::service) fn parse(stored: &str) -> Self {
        match stored.strip_prefix("OIDC:") {
            Some(provider) => Self::Oidc {
                provider: provider.to_owned(),
            },
            None => Self::Password,
        }
    }

    /// The audit reason of a sign-in by this method.
    fn reason(&self) -> &'static str {
        match self {
            Self::Password => "PASSWORD",
            Self::Oidc { .. } => "OIDC",
        }
    }
}

/// What a verified first factor leads to.
#[derive(Debug)]
pub enum SignIn {
    /// A new session.
    Session(Grant),
    /// The second step: answer `token` with `completeTwoFactorLogin` before `expires_at`.
    Challenge {
        token: String,
        expires_at: DateTime<Utc>,
    },
}

/// Finish a sign-in of `user`, verified in `txn` (committed here): a session, or a
/// challenge when the user has a second factor on.
pub async fn finish(
    txn: Txn,
    user: &user::Model,
    client: &ClientInfo,
    settings: &SessionSettings,
    method: SignInMethod,
    now: DateTime<Utc>,
) -> AppResult<SignIn> {
    if two_factor::is_enabled(&*txn, user.id).await? {
        let (token, expires_at) = two_factor::issue(&*txn, user.id, method.stored(), now).await?;
        txn.commit().await?;
        crate::meter::login("two_factor_required");
        return Ok(SignIn::Challenge { token, expires_at });
    }
    let grant = start_session(&*txn, user, client, settings, &method, now).await?;
    txn.commit().await?;
    crate::meter::login("success");
    Ok(SignIn::Session(grant))
}

/// What answering a two-factor challenge needs besides the answer.
pub struct Answer<'a> {
    pub client: &'a ClientInfo,
    pub sessions: &'a SessionSettings,
    pub sealer: &'a Sealer,
    pub lockout: &'a LockoutPolicy,
}

/// The second step of a sign-in: answer the challenge `token` with `proof`; the session,
/// started as [`finish`] starts one, by the method of the first step.
#[tracing::instrument(skip_all)]
pub async fn complete_two_factor(
    store: &Store,
    token: &str,
    proof: Proof,
    answer: Answer<'_>,
) -> AppResult<(User, Grant)> {
    let now = Utc::now();
    let keys = (answer.sealer, answer.lockout);
    let redeemed = two_factor::redeem(store, token, proof, keys, answer.client, now).await?;
    let Redeemed { txn, user, method } = redeemed;
    let method = SignInMethod::parse(&method);
    let grant = start_session(&*txn, &user, answer.client, answer.sessions, &method, now).await?;
    txn.commit().await?;
    crate::meter::login("success");
    Ok((to_user(user)?, grant))
}

/// The session of a completed sign-in, with `last_login_at` and its audit event, in `db`
/// (the caller's transaction).
pub(in crate::service) async fn start_session(
    db: &impl ConnectionTrait,
    user: &user::Model,
    client: &ClientInfo,
    settings: &SessionSettings,
    method: &SignInMethod,
    now: DateTime<Utc>,
) -> AppResult<Grant> {
    user::Entity::update_many()
        .col_expr(user::Column::LastLoginAt, Expr::value(Some(now)))
        .filter(user::Column::Id.eq(user.id))
        .exec(db)
        .await?;
    let grant = sessions::start(db, user, client, settings, now).await?;
    let mut event = Event::about(Some(user.id), Action::LoginSucceeded, client);
    event = event.reason(method.reason());
    if let SignInMethod::Oidc { provider } = method {
        event = event.entity("oidc_provider", provider);
    }
    audit::record(db, event).await?;
    Ok(grant)
}
