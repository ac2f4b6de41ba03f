//! Sign-up, login and `me`.

use async_graphql::{Context, InputObject, Object, SimpleObject};

use super::context::{client, services, viewer};
use super::scalars::{DateTime, Uuid};
use crate::auth::AccessClaims;
use crate::error::AppError;
use crate::service::sessions::Grant;
use crate::service::users::{self, NewUser};

/// A Tally user.
#[derive(SimpleObject)]
#[graphql(complex)] // `role` is resolved in `graphql::admin`
pub struct User {
    pub id: Uuid,
    pub username: String,
    pub email: String,
    /// ISO 4217 code of the currency reports default to.
    pub base_currency: String,
    pub created_at: DateTime,
}

impl From<users::User> for User {
    fn from(user: users::User) -> Self {
        Self {
            id: Uuid(user.id),
            username: user.username,
            email: user.email,
            base_currency: user.base_currency.code().to_owned(),
            created_at: DateTime(user.created_at),
        }
    }
}

/// An access token and the user it was issued to.
#[derive(SimpleObject)]
pub struct AuthPayload {
    /// Send as `Authorization: Bearer <accessToken>`.
    pub access_token: String,
    /// Always `Bearer`.
    pub token_type: String,
    /// When the access token stops working; log in again after it.
    pub expires_at: DateTime,
    pub user: User,
}

/// Sign-up details.
#[derive(InputObject)]
pub struct SignupInput {
    /// 3–32 characters of letters, digits, `_`, `.`, `-`; unique regardless of case.
    pub username: String,
    /// Unique; stored trimmed and lower-cased.
    pub email: String,
    /// 8 to 256 characters.
    pub password: String,
    /// ISO 4217 code of the default account's currency (default `USD`).
    pub base_currency: Option<String>,
}

/// Login details.
#[derive(InputObject)]
pub struct LoginInput {
    pub email: String,
    pub password: String,
}

#[derive(Default)]
pub struct UserQuery;

#[Object]
impl UserQuery {
    /// The logged-in user.
    async fn me(&self, ctx: &Context<'_>) -> async_graphql::Result<User> {
        let viewer = viewer(ctx)?;
        Ok(users::me(&services(ctx).store, viewer).await?.into())
    }
}

#[derive(Default)]
pub struct AuthMutation;

#[Object]
impl AuthMutation {
    /// Create an account (with a default account and categories) and log in.
    #[graphql(complexity = 1000)]
    async fn signup(
        &self,
        ctx: &Context<'_>,
        input: SignupInput,
    ) -> async_graphql::Result<AuthPayload> {
        let services = services(ctx);
        let new_user = NewUser {
            username: input.username,
            email: input.email,
            password: input.password,
            base_currency: input.base_currency,
        };
        let client = client(ctx)?;
        let (user, grant) = users::signup(
            &services.store,
            &services.hasher,
            new_user,
            client,
            &services.sessions,
        )
        .await?;
        Ok(issue(ctx, user, &grant)?)
    }

    /// Exchange an email and password for an access token.
    #[graphql(complexity = 1000)]
    async fn login(
        &self,
        ctx: &Context<'_>,
        input: LoginInput,
    ) -> async_graphql::Result<AuthPayload> {
        let services = services(ctx);
        let (user, grant) = users::login(
            &services.store,
            &services.hasher,
            &input.email,
            input.password,
            client(ctx)?,
            (&services.sessions, &services.lockout),
        )
        .await?;
        Ok(issue(ctx, user, &grant)?)
    }
}

fn issue(ctx: &Context<'_>, user: users::User, grant: &Grant) -> Result<AuthPayload, AppError> {
    let claims = AccessClaims {
        user_id: grant.user_id,
        session_id: grant.session_id,
        version: grant.token_version,
    };
    let issued = services(ctx)
        .tokens
        .issue(claims)
        .map_err(AppError::internal)?;
    Ok(AuthPayload {
        access_token: issued.token,
        token_type: "Bearer".to_owned(),
        expires_at: DateTime(issued.expires_at),
        user: user.into(),
    })
}
