//! The viewer's profile: `updateProfile` (username, base currency), `changeEmail` (with the
//! password, checked like a login: the account lock holds and failures count), and
//! `currencies`, the ISO 4217 codes Tally accepts, for pickers.

use async_graphql::{Context, InputObject, Object, SimpleObject};

use super::context::{services, viewer};
use super::users::User;
use crate::money::Currency;
use crate::service::users::{self, EmailChange, ProfilePatch};

/// Profile fields to change; omitted ones stay.
#[derive(InputObject)]
pub struct UpdateProfileInput {
    /// 3–32 characters of letters, digits, `_`, `.`, `-`; unique regardless of case.
    pub username: Option<String>,
    /// ISO 4217 code reports default to (existing accounts keep their currencies).
    pub base_currency: Option<String>,
}

/// A new email, proven by the current password.
#[derive(InputObject)]
pub struct ChangeEmailInput {
    /// Stored trimmed and lower-cased; unique.
    pub new_email: String,
    /// The current password (a wrong one counts toward the account lock).
    pub password: String,
}

/// A currency Tally accepts.
#[derive(SimpleObject)]
pub struct CurrencyInfo {
    /// ISO 4217 code.
    pub code: String,
    /// Decimal places of its minor unit (2 for EUR, 0 for JPY, 3 for KWD).
    pub decimals: u32,
}

#[derive(Default)]
pub struct ProfileQuery;

#[Object]
impl ProfileQuery {
    /// Every ISO 4217 currency Tally accepts, by code.
    async fn currencies(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<CurrencyInfo>> {
        viewer(ctx)?;
        Ok(Currency::all()
            .into_iter()
            .map(|c| CurrencyInfo {
                code: c.code().to_owned(),
                decimals: c.exponent(),
            })
            .collect())
    }
}

#[derive(Default)]
pub struct ProfileMutation;

#[Object]
impl ProfileMutation {
    /// Change the viewer's username and/or base currency.
    async fn update_profile(
        &self,
        ctx: &Context<'_>,
        input: UpdateProfileInput,
    ) -> async_graphql::Result<User> {
        let viewer = viewer(ctx)?;
        let patch = ProfilePatch {
            username: input.username,
            base_currency: input.base_currency,
        };
        Ok(users::update_profile(&services(ctx).store, viewer, patch)
            .await?
            .into())
    }

    /// Change the viewer's email (the login name). Needs the current password: a wrong
    /// one counts as a failed login, and a locked account is refused like a wrong password.
    #[graphql(complexity = 1000)]
    async fn change_email(
        &self,
        ctx: &Context<'_>,
        input: ChangeEmailInput,
    ) -> async_graphql::Result<User> {
        let viewer = viewer(ctx)?;
        let services = services(ctx);
        let change = EmailChange {
            new_email: input.new_email,
            password: input.password,
        };
        let checks = (services.hasher.as_ref(), &services.lockout);
        let user = users::change_email(&services.store, checks, viewer, change).await?;
        Ok(user.into())
    }
}
