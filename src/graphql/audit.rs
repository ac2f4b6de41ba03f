//! The audit log as the API shows it: `myAuditLog`, the viewer's own events newest first as
//! a Relay connection, and the [`AuditEventConnection`] type the admin query builds from
//! the page `service::admin::audit_log` read.

use std::collections::HashMap;

use async_graphql::{Context, Enum, Object, SimpleObject};

use super::context::{services, viewer};
use super::paging::{self, PageInfo};
use super::scalars::{DateTime, Uuid};
use crate::service::audit::names::{self, EntityKey};
use crate::service::audit::{self, Action};
use crate::service::page::PageSize;

/// What happened, as the audit log names it.
#[derive(Enum, Clone, Copy, PartialEq, Eq)]
#[graphql(remote = "Action")]
pub enum AuditAction {
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
    /// A finance record (`entityType`, `entityId`) was created.
    Created,
    /// A finance record was changed (for an account, also archived, reopened or made the
    /// default).
    Updated,
    /// A finance record was deleted.
    Deleted,
    /// Transactions were imported into the account `entityId`.
    Imported,
    /// The username or base currency was changed.
    ProfileUpdated,
    /// The email (the login name) was changed, after a password check.
    EmailChanged,
    /// Two-factor enrolment began (a new secret was shown), after a password check.
    TwoFactorEnrolmentStarted,
    /// A first code confirmed the enrolment: sign-in now needs a second factor.
    TwoFactorEnabled,
    /// The second factor was turned off, after a password and a code.
    TwoFactorDisabled,
    /// A wrong, replayed or refused two-factor or recovery code (`reason` says which).
    TwoFactorFailed,
    /// A recovery code was used (each works once).
    RecoveryCodeUsed,
    /// New recovery codes replaced the old ones, after a code.
    RecoveryCodesRegenerated,
    /// A sign-in provider (OpenID Connect) was linked to the account.
    OidcLinked,
    /// A sign-in provider was unlinked.
    OidcUnlinked,
}

/// One event of a user's audit log. Never a password, token or secret.
#[derive(SimpleObject)]
pub struct AuditEvent {
    pub id: Uuid,
    pub action: AuditAction,
    /// What was acted on (`account`, `category`, `transaction`, `transfer`, `budget`,
    /// `valuation`, `recurring`), for finance actions.
    pub entity_type: Option<String>,
    pub entity_id: Option<String>,
    /// What was acted on, in words — a transaction's description, an account's or
    /// category's name — while it still exists; resolved when the log is read (the log
    /// stores no names), and only in the viewer's own log (`myAuditLog`).
    pub entity_name: Option<String>,
    /// A reason code, e.g. `WRONG_PASSWORD`.
    pub reason: Option<String>,
    /// The client's IP address, as the server saw it.
    pub ip: Option<String>,
    pub user_agent: Option<String>,
    pub created_at: DateTime,
    /// Who acted: the user, or an admin acting on their account.
    pub actor_id: Option<Uuid>,
}

impl From<audit::Entry> for AuditEvent {
    fn from(entry: audit::Entry) -> Self {
        Self {
            id: Uuid(entry.id),
            action: entry.action.into(),
            entity_type: entry.entity_type,
            entity_id: entry.entity_id,
            entity_name: None,
            reason: entry.reason,
            ip: entry.ip,
            user_agent: entry.user_agent,
            created_at: DateTime(entry.created_at),
            actor_id: entry.actor_id.map(Uuid),
        }
    }
}

/// An edge of an audit log.
#[derive(SimpleObject)]
pub struct AuditEventEdge {
    /// Pass as `after` to continue after this event.
    pub cursor: String,
    pub node: AuditEvent,
}

/// A page of a user's audit log, newest first.
#[derive(SimpleObject)]
pub struct AuditEventConnection {
    pub edges: Vec<AuditEventEdge>,
    pub page_info: PageInfo,
}

impl AuditEventConnection {
    /// The connection of a page read after the cursor `after` (if `after_cursor`), without
    /// names (another user's log: an admin never sees their finance data).
    pub(super) fn from_page(page: audit::Page, after_cursor: bool) -> Self {
        Self::with_names(page, after_cursor, &HashMap::new())
    }

    /// The connection of a page of the viewer's own log, each event with the name of what it
    /// acted on (from `names`, when it still exists).
    fn with_names(
        page: audit::Page,
        after_cursor: bool,
        names: &HashMap<EntityKey, String>,
    ) -> Self {
        let edges: Vec<AuditEventEdge> = page
            .entries
            .into_iter()
            .map(|entry| {
                let key = entry.entity_type.clone().zip(entry.entity_id.clone());
                let cursor = entry.cursor();
                let mut node = AuditEvent::from(entry);
                node.entity_name = key.and_then(|key| names.get(&key).cloned());
                AuditEventEdge { cursor, node }
            })
            .collect();
        let cursors = edges.iter().map(|e| e.cursor.clone());
        let page_info = PageInfo::new(page.has_next_page, after_cursor, cursors);
        Self { edges, page_info }
    }
}

#[derive(Default)]
pub struct AuditQuery;

#[Object]
impl AuditQuery {
    /// The viewer's own audit log — sign-ups, logins, sessions, and every change to their
    /// finance data — newest first, a page at a time.
    #[graphql(complexity = "paging::cost(first, child_complexity)")]
    async fn my_audit_log(
        &self,
        ctx: &Context<'_>,
        #[graphql(default = 50, desc = "Page size, 1 to 200 (default 50).")] first: Option<i32>,
        #[graphql(desc = "Cursor of the last event of the previous page.")] after: Option<String>,
    ) -> async_graphql::Result<AuditEventConnection> {
        let viewer = viewer(ctx)?;
        let size = PageSize::new(first)?;
        let store = &services(ctx).store;
        let page = audit::mine(store, viewer, size, after.as_deref()).await?;
        let named = ctx
            .look_ahead()
            .field("edges")
            .field("node")
            .field("entityName")
            .exists();
        let names = if named {
            names::of(store, viewer, &page.entries).await?
        } else {
            HashMap::new()
        };
        Ok(AuditEventConnection::with_names(
            page,
            after.is_some(),
            &names,
        ))
    }
}
