//! Two-factor sign-in (TOTP): the second step of a login (`completeTwoFactorLogin`), the
//! viewer's settings (`startTwoFactorEnrolment`, `confirmTwoFactorEnrolment`,
//! `regenerateRecoveryCodes`, `disableTwoFactor`) and `me.twoFactorEnabled`,
//! `me.recoveryCodesRemaining`. Every field here that takes a code shares the login rate
//! limit and counts as the one password check of its request (`limits`).
//!
//! A login of an account with a second factor answers `TWO_FACTOR_REQUIRED` with
//! `extensions.challenge` and `extensions.expiresAt` (`users::two_factor_required`) instead
//! of an access token.

use async_graphql::{Context, InputObject, Object, SimpleObject};

use super::context::{client, services, viewer};
use super::users::{AuthPayload, User, hand_over};
use crate::service::users::two_factor::{self, Proof};
use crate::service::users::{self, Answer};

/// What an authenticator app needs: scan `otpauthUri` as a QR code, or type `secret`.
#[derive(SimpleObject)]
pub struct TwoFactorEnrolment {
    /// `otpauth://totp/Tally:<email>?secret=…&issuer=Tally`. Render it as a QR code on the
    /// client; it holds the secret, so never send it anywhere else.
    pub otpauth_uri: String,
    /// The secret in base32, for apps that cannot scan.
    pub secret: String,
}

/// One-time recovery codes: shown this once, each works once instead of a code.
#[derive(SimpleObject)]
pub struct RecoveryCodes {
    pub codes: Vec<String>,
}

/// The second step of a login.
#[derive(InputObject)]
pub struct CompleteTwoFactorLoginInput {
    /// `extensions.challenge` of the login's `TWO_FACTOR_REQUIRED` error.
    pub challenge: String,
    /// A 6-digit code from the authenticator app; or
    pub code: Option<String>,
    /// one of the recovery codes.
    pub recovery_code: Option<String>,
    /// Return the refresh token in the body instead of the cookie (CLI, scripts).
    #[graphql(default)]
    pub refresh_token_in_body: bool,
}

#[derive(InputObject)]
pub struct StartTwoFactorEnrolmentInput {
    /// The current password.
    pub password: String,
}

#[derive(InputObject)]
pub struct TwoFactorCodeInput {
    /// A 6-digit code from the authenticator app.
    pub code: String,
}

#[derive(InputObject)]
pub struct DisableTwoFactorInput {
    /// The current password.
    pub password: String,
    /// A 6-digit code from the authenticator app; or
    pub code: Option<String>,
    /// one of the recovery codes.
    pub recovery_code: Option<String>,
}

/// `me.twoFactorEnabled` (the one `User` field impl is in `user_security`).
pub(super) async fn enabled(user: &User, ctx: &Context<'_>) -> async_graphql::Result<bool> {
    Ok(two_factor::enabled(&services(ctx).store, user.id.0).await?)
}

/// `me.recoveryCodesRemaining`.
pub(super) async fn codes_remaining(user: &User, ctx: &Context<'_>) -> async_graphql::Result<u64> {
    let status = two_factor::status(&services(ctx).store, user.id.0).await?;
    Ok(status.recovery_codes_remaining)
}

#[derive(Default)]
pub struct TwoFactorMutation;

#[Object]
impl TwoFactorMutation {
    /// Answer a login's two-factor challenge with a code or a recovery code: starts the
    /// session exactly as `login` does. Wrong codes count toward the account lock; a
    /// challenge lasts 5 minutes and takes at most 5 answers.
    #[graphql(complexity = 1000)]
    async fn complete_two_factor_login(
        &self,
        ctx: &Context<'_>,
        input: CompleteTwoFactorLoginInput,
    ) -> async_graphql::Result<AuthPayload> {
        let services = services(ctx);
        let proof = Proof::from_fields(input.code, input.recovery_code)?;
        let answer = Answer {
            client: client(ctx)?,
            sessions: &services.sessions,
            sealer: &services.sealer,
            lockout: &services.lockout,
        };
        let (user, grant) =
            users::complete_two_factor(&services.store, &input.challenge, proof, answer).await?;
        Ok(hand_over(ctx, user, &grant, input.refresh_token_in_body)?)
    }

    /// Begin turning on two-factor sign-in: a new secret (shown this once) to add to an
    /// authenticator app. Nothing changes at sign-in until `confirmTwoFactorEnrolment`.
    #[graphql(complexity = 1000)]
    async fn start_two_factor_enrolment(
        &self,
        ctx: &Context<'_>,
        input: StartTwoFactorEnrolmentInput,
    ) -> async_graphql::Result<TwoFactorEnrolment> {
        let (viewer, services) = (viewer(ctx)?, services(ctx));
        let keys = (&*services.sealer, &services.lockout);
        let enrolment = two_factor::start_enrolment(
            &services.store,
            &services.hasher,
            viewer,
            input.password,
            keys,
        )
        .await?;
        Ok(TwoFactorEnrolment {
            otpauth_uri: enrolment.otpauth_uri,
            secret: enrolment.secret,
        })
    }

    /// Turn two-factor sign-in on with a first code of the new secret. Answers the
    /// recovery codes, shown this once.
    #[graphql(complexity = 1000)]
    async fn confirm_two_factor_enrolment(
        &self,
        ctx: &Context<'_>,
        input: TwoFactorCodeInput,
    ) -> async_graphql::Result<RecoveryCodes> {
        let (viewer, services) = (viewer(ctx)?, services(ctx));
        let codes =
            two_factor::confirm_enrolment(&services.store, viewer, &input.code, &services.sealer)
                .await?;
        Ok(RecoveryCodes { codes })
    }

    /// New recovery codes (shown this once) for a fresh code; the old ones stop working.
    #[graphql(complexity = 1000)]
    async fn regenerate_recovery_codes(
        &self,
        ctx: &Context<'_>,
        input: TwoFactorCodeInput,
    ) -> async_graphql::Result<RecoveryCodes> {
        let (viewer, services) = (viewer(ctx)?, services(ctx));
        let keys = (&*services.sealer, &services.lockout);
        let codes =
            two_factor::regenerate_recovery_codes(&services.store, viewer, input.code, keys)
                .await?;
        Ok(RecoveryCodes { codes })
    }

    /// Turn two-factor sign-in off: the password and a code or recovery code.
    #[graphql(complexity = 1000)]
    async fn disable_two_factor(
        &self,
        ctx: &Context<'_>,
        input: DisableTwoFactorInput,
    ) -> async_graphql::Result<bool> {
        let (viewer, services) = (viewer(ctx)?, services(ctx));
        let proof = Proof::from_fields(input.code, input.recovery_code)?;
        let keys = (&*services.sealer, &services.lockout);
        let store = &services.store;
        two_factor::disable(
            store,
            &services.hasher,
            viewer,
            (input.password, proof),
            keys,
        )
        .await?;
        Ok(true)
    }
}
