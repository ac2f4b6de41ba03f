//! The one check of a second factor: [`check`]. A TOTP code is accepted when it matches a
//! time step later than the last one accepted — recorded by one conditional `UPDATE`, so of
//! two requests with the same code exactly one wins, on any number of instances — and a
//! recovery code when it is an unused one (used up the same way). A refused proof counts
//! toward the account lock exactly as a wrong password does and is audited with its reason.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Condition, Expr};
use sea_orm::{ColumnTrait, DatabaseTransaction, EntityTrait, QueryFilter};

use super::recovery;
use crate::auth::sealing::Sealer;
use crate::auth::totp::TotpSecret;
use crate::auth::{ClientInfo, Viewer};
use crate::error::{AppError, AppResult};
use crate::service::audit::{self, Action, Event};
use crate::service::entities::{two_factor, user};
use crate::service::users::LockoutPolicy;
use crate::service::users::credentials;

/// A second factor as presented. Its `Debug` never shows it.
pub enum Proof {
    /// A 6-digit code from the authenticator app.
    Code(String),
    /// One of the recovery codes.
    RecoveryCode(String),
}

impl std::fmt::Debug for Proof {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Code(_) => f.write_str("Code([redacted])"),
            Self::RecoveryCode(_) => f.write_str("RecoveryCode([redacted])"),
        }
    }
}

impl Proof {
    /// One text field that takes either: six digits are a code, anything else a recovery
    /// code.
    pub fn parse(text: String) -> Self {
        let digits: String = text.chars().filter(|c| !c.is_whitespace()).collect();
        if digits.len() == 6 && digits.bytes().all(|b| b.is_ascii_digit()) {
            Self::Code(text)
        } else {
            Self::RecoveryCode(text)
        }
    }

    /// The proof of the API's `code` and `recoveryCode` fields: exactly one of them.
    pub fn from_fields(code: Option<String>, recovery_code: Option<String>) -> AppResult<Self> {
        match (code, recovery_code) {
            (Some(code), None) => Ok(Self::Code(code)),
            (None, Some(recovery)) => Ok(Self::RecoveryCode(recovery)),
            _ => Err(AppError::bad_input(
                "input.code",
                "Give either a code from your authenticator app or a recovery code",
            )),
        }
    }
}

/// Who presents the proof, for the audit log.
#[derive(Debug, Clone, Copy)]
pub(in crate::service) enum Who<'a> {
    /// Someone in the second step of a sign-in.
    SigningIn(&'a ClientInfo),
    /// A signed-in viewer (turning the factor off, new recovery codes, password change).
    Viewer(&'a Viewer),
}

impl<'a> Who<'a> {
    pub(super) fn event(self, user_id: uuid::Uuid, action: Action) -> Event<'a> {
        match self {
            Self::SigningIn(client) => Event::about(Some(user_id), action, client),
            Self::Viewer(viewer) => Event::by(viewer, action),
        }
    }
}

/// Check `proof` for `user`, whose row `txn` holds (its first statement took it: the
/// password check or [`credentials::hold_unlocked`]). `true`: accepted and used up, earlier
/// failures forgiven. `false`: refused, counted, audited; the caller commits `txn` (so the
/// count stays) and answers [`super::INVALID_CODE`].
pub(in crate::service) async fn check(
    txn: &DatabaseTransaction,
    user: &user::Model,
    proof: Proof,
    (sealer, lockout): (&Sealer, &LockoutPolicy),
    who: Who<'_>,
    now: DateTime<Utc>,
) -> AppResult<bool> {
    let outcome = match proof {
        Proof::Code(code) => by_code(txn, user.id, &code, sealer, now).await?,
        Proof::RecoveryCode(code) => {
            if recovery::use_up(txn, user.id, &code, now).await? {
                audit::record(txn, who.event(user.id, Action::RecoveryCodeUsed)).await?;
                Ok(())
            } else {
                Err("WRONG_RECOVERY_CODE")
            }
        }
    };
    let Err(reason) = outcome else {
        credentials::forgive(txn, user.id).await?;
        return Ok(true);
    };
    let counted = credentials::fail(txn, user, lockout, now).await?;
    let reason = match counted {
        Err("WRONG_PASSWORD_LOCKED") => {
            crate::meter::account_locked();
            locked(reason)
        }
        Err("LOCKED") => "LOCKED",
        _ => reason,
    };
    let event = who.event(user.id, Action::TwoFactorFailed).reason(reason);
    audit::record(txn, event).await?;
    Ok(false)
}

/// The reason of a refusal that also started a lock.
fn locked(reason: &'static str) -> &'static str {
    match reason {
        "WRONG_CODE" => "WRONG_CODE_LOCKED",
        "REPLAYED_CODE" => "REPLAYED_CODE_LOCKED",
        _ => "WRONG_RECOVERY_CODE_LOCKED",
    }
}

/// A TOTP code: right for a step after the last accepted one, which it then becomes.
async fn by_code(
    txn: &DatabaseTransaction,
    user_id: uuid::Uuid,
    code: &str,
    sealer: &Sealer,
    now: DateTime<Utc>,
) -> AppResult<Result<(), &'static str>> {
    let enabled = two_factor::Entity::find_by_id(user_id)
        .filter(two_factor::Column::EnabledAt.is_not_null())
        .one(txn)
        .await?;
    let Some(row) = enabled else {
        return Ok(Err("WRONG_CODE"));
    };
    let opened = sealer
        .open(user_id, &row.secret_sealed)
        .map_err(AppError::internal)?;
    let secret = TotpSecret::from_bytes(opened.plain);
    let unix = u64::try_from(now.timestamp()).unwrap_or_default();
    let Some(step) = secret.check(code, unix) else {
        return Ok(Err("WRONG_CODE"));
    };
    let mut accept = two_factor::Entity::update_many()
        .col_expr(two_factor::Column::LastUsedStep, Expr::value(Some(step)))
        .filter(two_factor::Column::UserId.eq(user_id))
        .filter(two_factor::Column::EnabledAt.is_not_null())
        .filter(
            Condition::any()
                .add(two_factor::Column::LastUsedStep.is_null())
                .add(two_factor::Column::LastUsedStep.lt(step)),
        );
    if opened.under_previous_key {
        // Sealed under the key being retired: re-sealed under the current one on use.
        let resealed = sealer
            .seal(user_id, secret.expose())
            .map_err(AppError::internal)?;
        accept = accept.col_expr(two_factor::Column::SecretSealed, Expr::value(resealed));
    }
    let accepted = accept.exec(txn).await?;
    Ok(if accepted.rows_affected == 1 {
        Ok(())
    } else {
        Err("REPLAYED_CODE")
    })
}
