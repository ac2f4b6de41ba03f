//! The audit log: what happened to a user's account and data, by whom, from where.
//!
//! Append-only: rows are only inserted (the database refuses `UPDATE`s), and each is written
//! with [`record`] *inside the database transaction of the action it describes*, so an event
//! exists exactly when its action committed. Never a password, token or secret: an event
//! holds an action, an entity type and id, a reason code, the client's IP and user agent.
//!
//! Reading the log a page at a time is [`log`]; deleting what is older than the retention
//! period is [`retention`].

use chrono::Utc;
use sea_orm::{ActiveValue::Set, ConnectionTrait, DbErr, EntityTrait};
use uuid::Uuid;

use super::entities::audit_event;
use crate::auth::{ClientInfo, Viewer};

pub mod log;
pub mod names;
pub mod retention;

pub(in crate::service) use log::page_of;
pub use log::{Entry, Page, mine};
pub use retention::prune;

/// What happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Signup,
    LoginSucceeded,
    LoginFailed,
    SessionRefreshed,
    RefreshReuseDetected,
    Logout,
    LogoutEverywhere,
    SessionRevoked,
    PasswordChanged,
    AccountDeleted,
    RoleChanged,
    UserDisabled,
    UserEnabled,
    Created,
    Updated,
    Deleted,
    Imported,
    ProfileUpdated,
    EmailChanged,
    TwoFactorEnrolmentStarted,
    TwoFactorEnabled,
    TwoFactorDisabled,
    TwoFactorFailed,
    RecoveryCodeUsed,
    RecoveryCodesRegenerated,
    OidcLinked,
    OidcUnlinked,
}

impl Action {
    /// Every action, in the order of the enum.
    pub const ALL: [Self; 27] = [
        Self::Signup,
        Self::LoginSucceeded,
        Self::LoginFailed,
        Self::SessionRefreshed,
        Self::RefreshReuseDetected,
        Self::Logout,
        Self::LogoutEverywhere,
        Self::SessionRevoked,
        Self::PasswordChanged,
        Self::AccountDeleted,
        Self::RoleChanged,
        Self::UserDisabled,
        Self::UserEnabled,
        Self::Created,
        Self::Updated,
        Self::Deleted,
        Self::Imported,
        Self::ProfileUpdated,
        Self::EmailChanged,
        Self::TwoFactorEnrolmentStarted,
        Self::TwoFactorEnabled,
        Self::TwoFactorDisabled,
        Self::TwoFactorFailed,
        Self::RecoveryCodeUsed,
        Self::RecoveryCodesRegenerated,
        Self::OidcLinked,
        Self::OidcUnlinked,
    ];

    /// The action stored under this name, if there is one.
    pub fn parse(stored: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|action| action.as_str() == stored)
    }

    /// The stored (and API) name of the action.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Signup => "SIGNUP",
            Self::LoginSucceeded => "LOGIN_SUCCEEDED",
            Self::LoginFailed => "LOGIN_FAILED",
            Self::SessionRefreshed => "SESSION_REFRESHED",
            Self::RefreshReuseDetected => "REFRESH_REUSE_DETECTED",
            Self::Logout => "LOGOUT",
            Self::LogoutEverywhere => "LOGOUT_EVERYWHERE",
            Self::SessionRevoked => "SESSION_REVOKED",
            Self::PasswordChanged => "PASSWORD_CHANGED",
            Self::AccountDeleted => "ACCOUNT_DELETED",
            Self::RoleChanged => "ROLE_CHANGED",
            Self::UserDisabled => "USER_DISABLED",
            Self::UserEnabled => "USER_ENABLED",
            Self::Created => "CREATED",
            Self::Updated => "UPDATED",
            Self::Deleted => "DELETED",
            Self::Imported => "IMPORTED",
            Self::ProfileUpdated => "PROFILE_UPDATED",
            Self::EmailChanged => "EMAIL_CHANGED",
            Self::TwoFactorEnrolmentStarted => "TWO_FACTOR_ENROLMENT_STARTED",
            Self::TwoFactorEnabled => "TWO_FACTOR_ENABLED",
            Self::TwoFactorDisabled => "TWO_FACTOR_DISABLED",
            Self::TwoFactorFailed => "TWO_FACTOR_FAILED",
            Self::RecoveryCodeUsed => "RECOVERY_CODE_USED",
            Self::RecoveryCodesRegenerated => "RECOVERY_CODES_REGENERATED",
            Self::OidcLinked => "OIDC_LINKED",
            Self::OidcUnlinked => "OIDC_UNLINKED",
        }
    }
}

/// One event to record. Build it with [`Event::by`] (the viewer acted on their own account)
/// or [`Event::about`] (no viewer: login, sign-up, refresh), then add details.
#[derive(Debug, Clone)]
pub(in crate::service) struct Event<'a> {
    action: Action,
    user_id: Option<Uuid>,
    actor_id: Option<Uuid>,
    entity: Option<(&'static str, String)>,
    reason: Option<&'static str>,
    client: Option<&'a ClientInfo>,
}

impl<'a> Event<'a> {
    /// `viewer` did `action` to their own account or data.
    pub fn by(viewer: &'a Viewer, action: Action) -> Self {
        Self {
            action,
            user_id: Some(viewer.user_id()),
            actor_id: Some(viewer.user_id()),
            entity: None,
            reason: None,
            client: Some(viewer.client()),
        }
    }

    /// `action` happened to `user_id`'s account (or to no known account) from `client`.
    pub fn about(user_id: Option<Uuid>, action: Action, client: &'a ClientInfo) -> Self {
        Self {
            action,
            user_id,
            actor_id: user_id,
            entity: None,
            reason: None,
            client: Some(client),
        }
    }

    /// The event belongs to `user_id`'s log (e.g. an admin acting on that user).
    pub fn on_user(mut self, user_id: Uuid) -> Self {
        self.user_id = Some(user_id);
        self
    }

    /// The entity acted on, e.g. `("transaction", id)`.
    pub fn entity(mut self, entity_type: &'static str, id: impl ToString) -> Self {
        self.entity = Some((entity_type, id.to_string()));
        self
    }

    /// A reason code, e.g. `WRONG_PASSWORD`.
    pub fn reason(mut self, reason: &'static str) -> Self {
        self.reason = Some(reason);
        self
    }
}

/// Append `event` to the log, on `db` — the transaction of the action it records.
pub(in crate::service) async fn record(
    db: &impl ConnectionTrait,
    event: Event<'_>,
) -> Result<(), DbErr> {
    let (entity_type, entity_id) = match event.entity {
        Some((kind, id)) => (Some(kind.to_owned()), Some(id)),
        None => (None, None),
    };
    let row = audit_event::ActiveModel {
        id: Set(Uuid::now_v7()),
        user_id: Set(event.user_id),
        actor_id: Set(event.actor_id),
        action: Set(event.action.as_str().to_owned()),
        entity_type: Set(entity_type),
        entity_id: Set(entity_id),
        reason: Set(event.reason.map(str::to_owned)),
        ip: Set(event.client.and_then(ClientInfo::ip_text)),
        user_agent: Set(event.client.and_then(|c| c.user_agent.clone())),
        created_at: Set(Utc::now()),
    };
    audit_event::Entity::insert(row)
        .exec_without_returning(db)
        .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_action_is_read_back_from_its_stored_name() {
        for action in Action::ALL {
            assert_eq!(Action::parse(action.as_str()), Some(action));
        }
        assert_eq!(Action::parse("created"), None);
        assert_eq!(Action::parse("SOMETHING_ELSE"), None);
    }
}
