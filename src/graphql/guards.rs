//! Field guards: who may resolve a field, checked by async-graphql before the resolver runs
//! (`#[graphql(guard = "RoleGuard::new(Role::Admin)")]`).
//!
//! A guard is the first lock, not the only one: the services behind guarded fields check the
//! viewer's role again, so a field that forgot its guard still refuses.

use async_graphql::{Context, Guard};

use super::context::viewer;
use crate::auth::Role;
use crate::error::AppError;

/// Lets a field resolve only for a viewer with at least `role`: anonymous requests get
/// `UNAUTHENTICATED`, viewers with a lesser role `FORBIDDEN`.
#[derive(Debug, Clone, Copy)]
pub struct RoleGuard {
    role: Role,
}

impl RoleGuard {
    /// A guard requiring `role` (an administrator holds every role).
    pub fn new(role: Role) -> Self {
        Self { role }
    }
}

/// Does holding `held` grant `required`?
fn grants(held: Role, required: Role) -> bool {
    match required {
        Role::User => true,
        Role::Admin => held == Role::Admin,
    }
}

impl Guard for RoleGuard {
    async fn check(&self, ctx: &Context<'_>) -> async_graphql::Result<()> {
        let viewer = viewer(ctx)?;
        if grants(viewer.role(), self.role) {
            Ok(())
        } else {
            Err(AppError::Forbidden(crate::service::admin::ADMINS_ONLY).into())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn administrators_hold_every_role_and_users_only_their_own() {
        assert!(grants(Role::Admin, Role::Admin));
        assert!(grants(Role::Admin, Role::User));
        assert!(grants(Role::User, Role::User));
        assert!(!grants(Role::User, Role::Admin));
    }
}
