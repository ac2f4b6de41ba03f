//! Sign-in providers (OpenID Connect) in the API: the public list the login page shows
//! (`oidcProviders`), the viewer's linked providers (`me.identities`, `me.hasPassword`),
//! starting a link (`startOidcLink`), unlinking (`unlinkOidcProvider`) and a first
//! password for an account that has none (`setPassword`). Signing in itself is a browser
//! navigation: the HTTP routes `/auth/oidc/<provider>/start` and `…/callback`.

use async_graphql::{Context, InputObject, Object, SimpleObject};
use chrono::Utc;

use super::context::{services, viewer};
use super::cookie;
use super::scalars::DateTime;
use super::users::User;
use crate::auth::oidc::Attempt;
use crate::error::AppError;
use crate::service::{oidc, users};

/// A configured sign-in provider.
#[derive(SimpleObject)]
pub struct OidcProvider {
    /// The provider's name in URLs (`google`).
    pub name: String,
    /// What the button says (`Google`).
    pub display_name: String,
    /// Where the browser goes to sign in: `/auth/oidc/<name>/start`.
    pub start_path: String,
}

/// A provider linked to the viewer's account.
#[derive(SimpleObject)]
pub struct LinkedIdentity {
    pub provider: String,
    /// The verified email the provider gave when linked.
    pub email: Option<String>,
    pub linked_at: DateTime,
}

/// Where to send the browser to link a provider.
#[derive(SimpleObject)]
pub struct OidcLinkStart {
    /// The provider's authorization URL; valid once, for about ten minutes, in this browser.
    pub url: String,
}

/// A first password.
#[derive(InputObject)]
pub struct SetPasswordInput {
    /// Same rules as at sign-up.
    pub new_password: String,
}

#[derive(Default)]
pub struct OidcQuery;

#[Object]
impl OidcQuery {
    /// The sign-in providers this server offers; public (the login page lists them).
    async fn oidc_providers(&self, ctx: &Context<'_>) -> Vec<OidcProvider> {
        services(ctx)
            .oidc
            .all()
            .map(|p| OidcProvider {
                name: p.name.clone(),
                display_name: p.display_name.clone(),
                start_path: format!("/auth/oidc/{}/start", p.name),
            })
            .collect()
    }
}

/// `me.identities` (the one `User` field impl is in `user_security`).
pub(super) async fn identities(
    user: &User,
    ctx: &Context<'_>,
) -> async_graphql::Result<Vec<LinkedIdentity>> {
    let viewer = own(ctx, user)?;
    let (list, _) = oidc::identities(&services(ctx).store, viewer).await?;
    Ok(list
        .into_iter()
        .map(|i| LinkedIdentity {
            provider: i.provider,
            email: i.email,
            linked_at: DateTime(i.linked_at),
        })
        .collect())
}

/// `me.hasPassword`.
pub(super) async fn has_password(user: &User, ctx: &Context<'_>) -> async_graphql::Result<bool> {
    let viewer = own(ctx, user)?;
    Ok(oidc::identities(&services(ctx).store, viewer).await?.1)
}

/// The viewer, if `user` is theirs: another user's sign-in methods are nobody's business.
fn own<'c>(ctx: &Context<'c>, user: &User) -> Result<&'c crate::auth::Viewer, AppError> {
    let viewer = viewer(ctx)?;
    if viewer.user_id() != user.id.0 {
        return Err(AppError::Forbidden(
            "Only your own sign-in methods are shown",
        ));
    }
    Ok(viewer)
}

#[derive(Default)]
pub struct OidcMutation;

#[Object]
impl OidcMutation {
    /// Start linking `provider` to the viewer's account: the URL to send this browser to.
    /// The answer also sets the short-lived cookie that binds the attempt to this browser.
    #[graphql(complexity = 100)]
    async fn start_oidc_link(
        &self,
        ctx: &Context<'_>,
        provider: String,
    ) -> async_graphql::Result<OidcLinkStart> {
        let viewer = viewer(ctx)?;
        let services = services(ctx);
        let Some(found) = services.oidc.get(&provider) else {
            return Err(AppError::bad_input("provider", "No such sign-in provider").into());
        };
        let attempt = Attempt::generate();
        let url = services
            .oidc
            .authorize_url(found, &attempt)
            .await
            .map_err(|_| AppError::Unavailable)?;
        let purpose = oidc::Purpose::Link(viewer.user_id());
        oidc::begin(&services.store, &provider, &attempt, purpose, Utc::now()).await?;
        let binding = oidc::states::state_hash(&attempt.state);
        cookie::set_oidc_binding(ctx, &binding, oidc::states::LIFETIME.num_seconds());
        Ok(OidcLinkStart { url })
    }

    /// Unlink `provider` from the viewer's account; refused (`CONFLICT`) for the last way
    /// to sign in.
    async fn unlink_oidc_provider(
        &self,
        ctx: &Context<'_>,
        provider: String,
    ) -> async_graphql::Result<bool> {
        let viewer = viewer(ctx)?;
        oidc::unlink(&services(ctx).store, viewer, &provider).await?;
        Ok(true)
    }

    /// Give an account without a password (made through a provider) its first one; needs a
    /// sign-in within the last 15 minutes (`FORBIDDEN` otherwise), `CONFLICT` if it has one.
    #[graphql(complexity = 1000)]
    async fn set_password(
        &self,
        ctx: &Context<'_>,
        input: SetPasswordInput,
    ) -> async_graphql::Result<bool> {
        let viewer = viewer(ctx)?;
        let services = services(ctx);
        users::set_password(
            &services.store,
            &services.hasher,
            viewer,
            input.new_password,
        )
        .await?;
        Ok(true)
    }
}
