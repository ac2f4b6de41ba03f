//! The administration API: the user list and a user by id (`users`, `user`), role changes and
//! disabling or enabling an account (`setUserRole`, `disableUser`, `enableUser`) and a
//! user's audit log (`userAuditLog`) — every field guarded by [`RoleGuard`] for
//! administrators — and the [`Role`] enum.
//!
//! `AdminUser` deliberately has no field that leads to finance data: an administrator sees
//! who the users are and the state of their accounts, never their money.

use async_graphql::{ComplexObject, Context, Enum, Object, SimpleObject};

use super::audit::AuditEventConnection;
use super::context::{services, viewer};
use super::guards::RoleGuard;
use super::paging::{self, PageInfo};
use super::scalars::{DateTime, Uuid};
use crate::auth::{self, Viewer};
use crate::service::admin;
use crate::service::page::PageSize;

/// What a user may do beyond their own data.
#[derive(Enum, Clone, Copy, PartialEq, Eq, Debug)]
#[graphql(remote = "auth::Role")]
pub enum Role {
    /// Their own data only.
    User,
    /// Also the administration API: users, roles, disabling accounts. No access to other
    /// users' finance data.
    Admin,
}

/// A user as administrators see them: who they are and the state of their account.
#[derive(SimpleObject)]
#[graphql(complex)]
pub struct AdminUser {
    pub id: Uuid,
    pub username: String,
    pub email: String,
    pub role: Role,
    /// True while the account is disabled: no login, no token works.
    pub disabled: bool,
    pub disabled_at: Option<DateTime>,
    pub created_at: DateTime,
    pub last_login_at: Option<DateTime>,
    /// Consecutive failed logins since the last success.
    pub failed_logins: i32,
    /// Until when logins are refused after repeated failures, if that is still ahead.
    pub locked_until: Option<DateTime>,
}

#[ComplexObject]
impl AdminUser {
    /// Whether the user signs in with a second factor (TOTP). Never the secret.
    #[graphql(guard = "RoleGuard::new(auth::Role::Admin)")]
    async fn two_factor_enabled(&self, ctx: &Context<'_>) -> async_graphql::Result<bool> {
        let store = &services(ctx).store;
        Ok(admin::has_two_factor(store, viewer(ctx)?, self.id.0).await?)
    }
}

impl From<admin::AdminUser> for AdminUser {
    fn from(user: admin::AdminUser) -> Self {
        Self {
            id: Uuid(user.id),
            username: user.username,
            email: user.email,
            role: user.role.into(),
            disabled: user.disabled_at.is_some(),
            disabled_at: user.disabled_at.map(DateTime),
            created_at: DateTime(user.created_at),
            last_login_at: user.last_login_at.map(DateTime),
            failed_logins: user.failed_logins,
            locked_until: user.locked_until.map(DateTime),
        }
    }
}

/// An edge of the users connection.
#[derive(SimpleObject)]
pub struct AdminUserEdge {
    /// Pass as `after` to continue after this user.
    pub cursor: String,
    pub node: AdminUser,
}

/// A page of users, oldest first.
#[derive(SimpleObject)]
#[graphql(complex)]
pub struct AdminUserConnection {
    pub edges: Vec<AdminUserEdge>,
    pub page_info: PageInfo,
    #[graphql(skip)]
    viewer: Viewer,
    #[graphql(skip)]
    search: Option<String>,
}

#[ComplexObject]
impl AdminUserConnection {
    /// How many users match the search, over all pages (counted only when asked for).
    #[graphql(complexity = 5)]
    async fn total_count(&self, ctx: &Context<'_>) -> async_graphql::Result<u64> {
        let store = &services(ctx).store;
        Ok(admin::count(store, &self.viewer, self.search.as_deref()).await?)
    }
}

impl AdminUserConnection {
    fn new(page: admin::Page, after_cursor: bool, viewer: Viewer, search: Option<String>) -> Self {
        let edges: Vec<AdminUserEdge> = page
            .users
            .into_iter()
            .map(|user| AdminUserEdge {
                cursor: admin::cursor_of(user.id),
                node: user.into(),
            })
            .collect();
        let cursors = edges.iter().map(|e| e.cursor.clone());
        let page_info = PageInfo::new(page.has_next_page, after_cursor, cursors);
        Self {
            edges,
            page_info,
            viewer,
            search,
        }
    }
}

#[derive(Default)]
pub struct AdminQuery;

#[Object]
impl AdminQuery {
    /// Administrators only: every user, oldest first, a page at a time.
    #[graphql(
        guard = "RoleGuard::new(auth::Role::Admin)",
        complexity = "paging::cost(first, child_complexity)"
    )]
    async fn users(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Page size, 1 to 200 (default 50).")] first: Option<i32>,
        #[graphql(desc = "Cursor of the last user of the previous page.")] after: Option<String>,
        #[graphql(desc = "Only users whose username or email contains this (any case).")]
        search: Option<String>,
    ) -> async_graphql::Result<AdminUserConnection> {
        let viewer = viewer(ctx)?.clone();
        let size = PageSize::new(first)?;
        let store = &services(ctx).store;
        let page = admin::list(store, &viewer, search.as_deref(), size, after.as_deref()).await?;
        Ok(AdminUserConnection::new(
            page,
            after.is_some(),
            viewer,
            search,
        ))
    }

    /// Administrators only: the user with this id.
    #[graphql(guard = "RoleGuard::new(auth::Role::Admin)")]
    async fn user(&self, ctx: &Context<'_>, id: Uuid) -> async_graphql::Result<AdminUser> {
        let viewer = viewer(ctx)?;
        Ok(admin::get(&services(ctx).store, viewer, id.0).await?.into())
    }

    /// Administrators only: a user's audit log, newest first, a page at a time. It shows what
    /// happened to the account (logins, sessions, changes and which entities they touched),
    /// never the finance data itself.
    #[graphql(
        guard = "RoleGuard::new(auth::Role::Admin)",
        complexity = "paging::cost(first, child_complexity)"
    )]
    async fn user_audit_log(
        &self,
        ctx: &Context<'_>,
        user_id: Uuid,
        #[graphql(desc = "Page size, 1 to 200 (default 50).")] first: Option<i32>,
        #[graphql(desc = "Cursor of the last event of the previous page.")] after: Option<String>,
    ) -> async_graphql::Result<AuditEventConnection> {
        let viewer = viewer(ctx)?;
        let store = &services(ctx).store;
        // Checks the admin role in the database and that the user exists (`NOT_FOUND`).
        let page = admin::audit_log(store, viewer, user_id.0, first, after.as_deref()).await?;
        Ok(AuditEventConnection::from_page(page, after.is_some()))
    }
}

#[derive(Default)]
pub struct AdminMutation;

#[Object]
impl AdminMutation {
    /// Administrators only: give a user a role. Ends the user's access tokens (they log in
    /// again). The last active administrator cannot be demoted.
    #[graphql(guard = "RoleGuard::new(auth::Role::Admin)")]
    async fn set_user_role(
        &self,
        ctx: &Context<'_>,
        user_id: Uuid,
        role: Role,
    ) -> async_graphql::Result<AdminUser> {
        let services = services(ctx);
        let changed =
            admin::set_role(&services.store, viewer(ctx)?, user_id.0, role.into()).await?;
        services.gate.forget_user(user_id.0);
        Ok(changed.into())
    }

    /// Administrators only: disable a user. Their login is refused, their access tokens and
    /// sessions end. You cannot disable yourself or the last active administrator.
    #[graphql(guard = "RoleGuard::new(auth::Role::Admin)")]
    async fn disable_user(
        &self,
        ctx: &Context<'_>,
        user_id: Uuid,
    ) -> async_graphql::Result<AdminUser> {
        let services = services(ctx);
        let disabled = admin::disable(&services.store, viewer(ctx)?, user_id.0).await?;
        services.gate.forget_user(user_id.0);
        Ok(disabled.into())
    }

    /// Administrators only: enable a disabled user; they may log in again.
    #[graphql(guard = "RoleGuard::new(auth::Role::Admin)")]
    async fn enable_user(
        &self,
        ctx: &Context<'_>,
        user_id: Uuid,
    ) -> async_graphql::Result<AdminUser> {
        let enabled = admin::enable(&services(ctx).store, viewer(ctx)?, user_id.0).await?;
        Ok(enabled.into())
    }
}
