//! Sign-up, login, password change and `me`, and the [`AuthPayload`] every way of getting
//! an access token answers with.

use async_graphql::{Context, InputObject, Object, SimpleObject};

use super::admin::Role;
use super::context::{client, services, viewer};
use super::cookie;
use super::scalars::{DateTime, Uuid};
use crate::auth::AccessClaims;
use crate::error::AppError;
use crate::service::sessions::Grant;
use crate::service::users::{self, NewUser, PasswordChange};

/// A Tally user.
#[derive(SimpleObject)]
#[graphql(complex)]
pub struct User {
    pub id: Uuid,
    pub username: String,
    pub email: String,
    /// ISO 4217 code of the currency reports default to.
    pub base_currency: String,
    pub created_at: DateTime,
    /// The user's role. A role change takes effect with the next login: it ends the user's
    /// earlier access tokens.
    pub role: Role,
}

impl From<users::User> for User {
    fn from(user: users::User) -> Self {
        Self {
            id: Uuid(user.id),
            username: user.username,
            email: user.email,
            base_currency: user.base_currency.code().to_owned(),
            created_at: DateTime(user.created_at),
            role: user.role.into(),
        }
    }
}

/// An access token and the user it was issued to, and how to get the next one.
#[derive(SimpleObject)]
pub struct AuthPayload {
    /// Send as `Authorization: Bearer <accessToken>`.
    pub access_token: String,
    /// Always `Bearer`.
    pub token_type: String,
    /// When the access token stops working; call `refreshSession` for a new one.
    pub expires_at: DateTime,
    /// The new refresh token, only when asked for with `refreshTokenInBody: true` (CLI,
    /// scripts) and the presented one did not come in the cookie; otherwise it is in the
    /// HttpOnly `tally_refresh` cookie, out of reach of scripts, and this is null. Null too
    /// after `changePassword` (the refresh token is kept).
    pub refresh_token: Option<String>,
    /// When the session's refresh token stops working unless used before.
    pub refresh_expires_at: DateTime,
    pub user: User,
}

/// Sign-up details.
#[derive(InputObject)]
pub struct SignupInput {
    /// 3–32 characters of letters, digits, `_`, `.`, `-`; unique regardless of case.
    pub username: String,
    /// Unique; stored trimmed and lower-cased.
    pub email: String,
    /// 8 to 256 characters, not a common or easily guessed password, not the email or
    /// username. No rules about digits or symbols: a few unrelated words make a good one.
    pub password: String,
    /// ISO 4217 code of the default account's currency (default `USD`).
    pub base_currency: Option<String>,
    /// Return the refresh token in the body instead of the cookie (CLI, scripts).
    #[graphql(default)]
    pub refresh_token_in_body: bool,
}

/// Login details.
#[derive(InputObject)]
pub struct LoginInput {
    pub email: String,
    pub password: String,
    /// Return the refresh token in the body instead of the cookie (CLI, scripts).
    #[graphql(default)]
    pub refresh_token_in_body: bool,
}

/// A password change.
#[derive(InputObject)]
pub struct ChangePasswordInput {
    pub current_password: String,
    /// Same rules as at sign-up.
    pub new_password: String,
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
        Ok(hand_over(ctx, user, &grant, input.refresh_token_in_body)?)
    }

    /// Exchange an email and password for an access token.
    #[graphql(complexity = 1000)]
    async fn login(
        &self,
        ctx: &Context<'_>,
        input: LoginInput,
    ) -> async_graphql::Result<AuthPayload> {
        let services = services(ctx);
        let (user, signed_in) = users::login(
            &services.store,
            &services.hasher,
            &input.email,
            input.password,
            client(ctx)?,
            (&services.sessions, &services.lockout),
        )
        .await?;
        let users::SignIn::Session(grant) = signed_in else {
            // No second factor exists in this build.
            return Err(AppError::internal(anyhow::anyhow!("unexpected sign-in challenge")).into());
        };
        Ok(hand_over(ctx, user, &grant, input.refresh_token_in_body)?)
    }

    /// Change the viewer's password. Ends every other session and every access token issued
    /// so far; this session goes on (same refresh token) with the new access token returned.
    /// A wrong current password counts as a failed login.
    #[graphql(complexity = 1000)]
    async fn change_password(
        &self,
        ctx: &Context<'_>,
        input: ChangePasswordInput,
    ) -> async_graphql::Result<AuthPayload> {
        let viewer = viewer(ctx)?;
        let services = services(ctx);
        let change = PasswordChange {
            current_password: input.current_password,
            new_password: input.new_password,
        };
        let rules = (&services.sessions, &services.lockout);
        let continued =
            users::change_password(&services.store, &services.hasher, viewer, change, rules)
                .await?;
        services.gate.forget_user(viewer.user_id());
        let claims = AccessClaims {
            user_id: viewer.user_id(),
            session_id: continued.session_id,
            version: continued.token_version,
        };
        Ok(payload(
            ctx,
            continued.user,
            claims,
            continued.refresh_expires_at,
        )?)
    }
}

/// The answer to a login, sign-up or refresh: a new access token for `grant`'s session, and
/// its refresh token in the body (`in_body`) or in the cookie.
pub(super) fn hand_over(
    ctx: &Context<'_>,
    user: users::User,
    grant: &Grant,
    in_body: bool,
) -> Result<AuthPayload, AppError> {
    let claims = AccessClaims {
        user_id: grant.user_id,
        session_id: grant.session_id,
        version: grant.token_version,
    };
    let mut answer = payload(ctx, user, claims, grant.refresh_expires_at)?;
    if in_body {
        answer.refresh_token = Some(grant.refresh_token.expose().to_owned());
    } else {
        cookie::set(ctx, &grant.refresh_token, grant.refresh_expires_at);
    }
    Ok(answer)
}

/// A new access token for `claims`, without a refresh token.
fn payload(
    ctx: &Context<'_>,
    user: users::User,
    claims: AccessClaims,
    refresh_expires_at: chrono::DateTime<chrono::Utc>,
) -> Result<AuthPayload, AppError> {
    let issued = services(ctx)
        .tokens
        .issue(claims)
        .map_err(AppError::internal)?;
    Ok(AuthPayload {
        access_token: issued.token,
        token_type: "Bearer".to_owned(),
        expires_at: DateTime(issued.expires_at),
        refresh_token: None,
        refresh_expires_at: DateTime(refresh_expires_at),
        user: user.into(),
    })
}
