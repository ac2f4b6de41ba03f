//! A user's linked providers: listing them, linking one (the callback of an attempt the
//! signed-in user started), unlinking one — never the last way to sign in.
//!
//! Unlinking first touches the user's row (`UPDATE users SET updated_at`), so two unlinks
//! (or an unlink and a password change) of one user are serialised on the database: each
//! counts the ways to sign in as they are after the other, and the last one stays.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder};
use uuid::Uuid;

use super::Refusal;
use super::accounts::{insert_identity, linked_user};
use crate::auth::oidc::VerifiedIdentity;
use crate::auth::{ClientInfo, Viewer};
use crate::error::{AppError, AppResult};
use crate::service::audit::{self, Action, Event};
use crate::service::entities::{user, user_identity};
use crate::service::users::credentials::has_password;
use crate::service::{Store, owned};

/// A linked provider, as its user sees it.
#[derive(Debug, Clone)]
pub struct Identity {
    pub provider: String,
    /// The verified email the provider gave when it was linked.
    pub email: Option<String>,
    pub linked_at: DateTime<Utc>,
}

/// The viewer's linked providers, oldest first, and whether they have a password.
pub async fn identities(store: &Store, viewer: &Viewer) -> AppResult<(Vec<Identity>, bool)> {
    let rows = owned::<user_identity::Entity>(viewer)
        .order_by_asc(user_identity::Column::LinkedAt)
        .all(store.conn())
        .await?;
    let user = user::Entity::find_by_id(viewer.user_id())
        .one(store.conn())
        .await?
        .ok_or(AppError::Unauthenticated("This user no longer exists"))?;
    let list = rows
        .into_iter()
        .map(|row| Identity {
            provider: row.provider,
            email: row.email,
            linked_at: row.linked_at,
        })
        .collect();
    Ok((list, has_password(&user)))
}

/// Link `identity` from `provider` to `user_id` (who started the attempt while signed in).
#[tracing::instrument(skip_all, fields(provider))]
pub async fn link(
    store: &Store,
    user_id: Uuid,
    provider: &str,
    identity: &VerifiedIdentity,
    client: &ClientInfo,
) -> AppResult<Result<(), Refusal>> {
    let txn = store.begin().await?;
    let refusal = match linked_user(&txn, provider, &identity.subject).await? {
        Some(owner) if owner.id == user_id => return Ok(Ok(())),
        Some(_) => Some(Refusal::IdentityInUse),
        None => None,
    };
    let user = user::Entity::find_by_id(user_id).one(&txn).await?;
    let refusal = refusal.or(match &user {
        Some(user) if user.disabled_at.is_none() => None,
        _ => Some(Refusal::AccountDisabled),
    });
    let already = user_identity::Entity::find()
        .filter(user_identity::Column::UserId.eq(user_id))
        .filter(user_identity::Column::Provider.eq(provider))
        .count(&txn)
        .await?;
    let refusal = refusal.or((already > 0).then_some(Refusal::IdentityInUse));
    if let Some(refusal) = refusal {
        if user.is_some() {
            let event = Event::about(Some(user_id), Action::OidcLinked, client)
                .reason(refusal.reason())
                .entity("oidc_provider", provider);
            audit::record(&txn, event).await?;
        }
        txn.commit().await?;
        return Ok(Err(refusal));
    }
    insert_identity(&txn, user_id, provider, identity, Utc::now()).await?;
    let event =
        Event::about(Some(user_id), Action::OidcLinked, client).entity("oidc_provider", provider);
    audit::record(&txn, event).await?;
    txn.commit().await?;
    Ok(Ok(()))
}

/// Unlink the viewer's `provider`, unless it is their last way to sign in.
#[tracing::instrument(skip_all, fields(provider))]
pub async fn unlink(store: &Store, viewer: &Viewer, provider: &str) -> AppResult<()> {
    let txn = store.begin().await?;
    // First statement: waits for (and then holds) the user's row.
    user::Entity::update_many()
        .col_expr(user::Column::UpdatedAt, Expr::value(Utc::now()))
        .filter(user::Column::Id.eq(viewer.user_id()))
        .exec(&txn)
        .await?;
    let user = user::Entity::find_by_id(viewer.user_id())
        .one(&txn)
        .await?
        .ok_or(AppError::Unauthenticated("This user no longer exists"))?;
    let linked = owned::<user_identity::Entity>(viewer).all(&txn).await?;
    let Some(target) = linked.iter().find(|row| row.provider == provider) else {
        return Err(AppError::not_found("identity"));
    };
    if linked.len() == 1 && !has_password(&user) {
        return Err(AppError::Conflict {
            field: "provider",
            message:
                "This is your only way to sign in: set a password or link another provider first"
                    .to_owned(),
        });
    }
    user_identity::Entity::delete_by_id(target.id)
        .exec(&txn)
        .await?;
    let event = Event::by(viewer, Action::OidcUnlinked).entity("oidc_provider", provider);
    audit::record(&txn, event).await?;
    txn.commit().await?;
    Ok(())
}
