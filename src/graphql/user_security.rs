//! The viewer's sign-in security fields on `User`: async-graphql takes one `ComplexObject`
//! impl per type, so the two-factor (`two_factor`) and sign-in provider (`oidc`) fields
//! meet here and delegate.

use async_graphql::{ComplexObject, Context};

use super::oidc::{self, LinkedIdentity};
use super::two_factor;
use super::users::User;

#[ComplexObject]
impl User {
    /// Whether sign-in needs a second factor (TOTP).
    async fn two_factor_enabled(&self, ctx: &Context<'_>) -> async_graphql::Result<bool> {
        two_factor::enabled(self, ctx).await
    }

    /// Unused recovery codes (0 when two-factor sign-in is off).
    async fn recovery_codes_remaining(&self, ctx: &Context<'_>) -> async_graphql::Result<u64> {
        two_factor::codes_remaining(self, ctx).await
    }

    /// The sign-in providers linked to this account (only on the viewer's own user).
    async fn identities(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<LinkedIdentity>> {
        oidc::identities(self, ctx).await
    }

    /// Whether the account has a password (one made through a provider may not); only on
    /// the viewer's own user.
    async fn has_password(&self, ctx: &Context<'_>) -> async_graphql::Result<bool> {
        oidc::has_password(self, ctx).await
    }
}
