//! What a verified ID token signs in to: the user its provider account is linked to, or a
//! new account (no password) when its verified email is nobody's. An email an account
//! already has is refused ([`Refusal::LinkRequired`]): the provider vouching for the address
//! does not prove the account's owner wants this provider to sign in to it.
//!
//! The password lock (`locked_until`) does not apply: it guards against password guessing,
//! and would otherwise let anyone who knows the email lock its owner out of every method.

use chrono::Utc;
use rand::Rng;
use sea_orm::{ActiveValue::Set, ColumnTrait, DatabaseTransaction, EntityTrait, QueryFilter};
use uuid::Uuid;

use super::Refusal;
use crate::auth::ClientInfo;
use crate::auth::oidc::VerifiedIdentity;
use crate::error::{AppError, AppResult};
use crate::money::Currency;
use crate::service::audit::{self, Action, Event};
use crate::service::entities::{user, user_identity};
use crate::service::sessions::SessionSettings;
use crate::service::users::sign_in::{self, SignIn, SignInMethod};
use crate::service::users::{self, DEFAULT_BASE_CURRENCY, NewRow, User};
use crate::service::{Store, Txn};

/// Sign in (or up) with `identity` from `provider`: the sign-in, or why not (audited).
#[tracing::instrument(skip_all, fields(provider))]
pub async fn sign_in(
    store: &Store,
    provider: &str,
    identity: &VerifiedIdentity,
    client: &ClientInfo,
    settings: &SessionSettings,
) -> AppResult<Result<(User, SignIn), Refusal>> {
    let txn = store.begin().await?;
    let now = Utc::now();
    let method = SignInMethod::Oidc {
        provider: provider.to_owned(),
    };
    if let Some(user) = linked_user(&txn, provider, &identity.subject).await? {
        if user.disabled_at.is_some() {
            return refuse(
                txn,
                Some(user.id),
                provider,
                client,
                Refusal::AccountDisabled,
            )
            .await;
        }
        // Commits; a user with a second factor on gets a challenge, not a session.
        let signed_in = sign_in::finish(txn, &user, client, settings, method, now).await?;
        return Ok(Ok((users::to_user(user)?, signed_in)));
    }
    let email = match (&identity.email, identity.email_verified) {
        (Some(email), true) => users::normalize_email(email).ok(),
        _ => None,
    };
    let Some(email) = email else {
        return refuse(txn, None, provider, client, Refusal::EmailUnverified).await;
    };
    let taken = user::Entity::find()
        .filter(user::Column::Email.eq(&email))
        .one(&txn)
        .await?;
    if let Some(owner) = taken {
        return refuse(txn, Some(owner.id), provider, client, Refusal::LinkRequired).await;
    }
    let username = free_username(&txn, &email).await?;
    let currency = Currency::parse(DEFAULT_BASE_CURRENCY).map_err(AppError::internal)?;
    let row = NewRow {
        username,
        email: email.clone(),
        password_hash: String::new(),
        currency,
    };
    let user = users::create(&txn, row, now).await?;
    insert_identity(&txn, user.id, provider, identity, now).await?;
    let event = Event::about(Some(user.id), Action::Signup, client)
        .reason("OIDC")
        .entity("oidc_provider", provider);
    audit::record(&txn, event).await?;
    let signed_in = sign_in::finish(txn, &user, client, settings, method, now).await?;
    Ok(Ok((users::to_user(user)?, signed_in)))
}

/// The user `(provider, subject)` is linked to.
pub(super) async fn linked_user(
    db: &DatabaseTransaction,
    provider: &str,
    subject: &str,
) -> AppResult<Option<user::Model>> {
    let Some(link) = user_identity::Entity::find()
        .filter(user_identity::Column::Provider.eq(provider))
        .filter(user_identity::Column::Subject.eq(subject))
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    Ok(user::Entity::find_by_id(link.user_id).one(db).await?)
}

/// Link `(provider, identity.subject)` to `user_id` (the unique index refuses a second).
pub(super) async fn insert_identity(
    db: &DatabaseTransaction,
    user_id: Uuid,
    provider: &str,
    identity: &VerifiedIdentity,
    now: chrono::DateTime<Utc>,
) -> AppResult<()> {
    let email = identity
        .email
        .clone()
        .filter(|_| identity.email_verified)
        .filter(|e| e.len() <= 254);
    user_identity::Entity::insert(user_identity::ActiveModel {
        id: Set(Uuid::now_v7()),
        user_id: Set(user_id),
        provider: Set(provider.to_owned()),
        subject: Set(identity.subject.chars().take(255).collect()),
        email: Set(email),
        linked_at: Set(now),
    })
    .exec_without_returning(db)
    .await?;
    Ok(())
}

/// Record the refusal (a failed login, naming the provider) and answer it.
async fn refuse<T>(
    txn: Txn,
    user_id: Option<Uuid>,
    provider: &str,
    client: &ClientInfo,
    refusal: Refusal,
) -> AppResult<Result<T, Refusal>> {
    let event = Event::about(user_id, Action::LoginFailed, client)
        .reason(refusal.reason())
        .entity("oidc_provider", provider);
    audit::record(&txn, event).await?;
    txn.commit().await?;
    crate::meter::login("oidc_refused");
    Ok(Err(refusal))
}

/// A username from the email's local part (its allowed characters), made unique with a
/// random suffix when taken; the user can change it later.
async fn free_username(db: &DatabaseTransaction, email: &str) -> AppResult<String> {
    let local = email.split('@').next().unwrap_or_default();
    let mut base: String = local
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || "_.-".contains(*c))
        .take(24)
        .collect();
    while base.len() < 3 {
        base.push('_');
    }
    let mut candidate = base.clone();
    for _ in 0..8 {
        let taken = user::Entity::find()
            .filter(user::Column::UsernameKey.eq(candidate.to_lowercase()))
            .one(db)
            .await?
            .is_some();
        if !taken {
            return Ok(candidate);
        }
        let suffix: u32 = rand::rng().random_range(1000..100_000);
        candidate = format!("{base}-{suffix}");
    }
    Err(AppError::internal(anyhow::anyhow!(
        "no free username found"
    )))
}
