//! The [`Viewer`]: the authenticated user a request acts for, and the [`Caller`] of a
//! request (its viewer, if any, and its client). The HTTP layer makes a `Caller` from
//! `Authorization: Bearer <access token>` through the [`AuthGate`](super::AuthGate).
//!
//! A `Viewer` can only be made in `auth`, from a verified token whose session and token
//! version still hold, so holding one is proof of authentication; every service function
//! that touches user data takes `&Viewer` first.

use std::sync::Arc;

use uuid::Uuid;

use super::client::ClientInfo;

/// What a user may do beyond their own data.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Role {
    User,
    Admin,
}

impl Role {
    /// The role as stored in `users.role`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::User => "USER",
            Self::Admin => "ADMIN",
        }
    }

    /// A stored role; anything unknown grants nothing beyond `User`.
    pub fn from_stored(stored: &str) -> Self {
        match stored {
            "ADMIN" => Self::Admin,
            _ => Self::User,
        }
    }
}

/// The authenticated user a request acts for, the session it acts in, and its client.
#[derive(Debug, Clone)]
pub struct Viewer {
    user_id: Uuid,
    session_id: Uuid,
    role: Role,
    client: Arc<ClientInfo>,
}

impl Viewer {
    /// Only code in `auth` may vouch for a user id.
    pub(super) fn verified(
        user_id: Uuid,
        session_id: Uuid,
        role: Role,
        client: Arc<ClientInfo>,
    ) -> Self {
        Self {
            user_id,
            session_id,
            role,
            client,
        }
    }

    /// The viewer for work Tally does for a user outside any request: the recurring job
    /// writes a schedule's dates as the schedule's owner (the id read from the schedule row),
    /// through the same scoped service functions. No session (the nil id), role `User`.
    /// Nothing that answers a request may call this (`tests/layers.rs` checks who does).
    pub fn for_job(user_id: Uuid, client: Arc<ClientInfo>) -> Self {
        Self::verified(user_id, Uuid::nil(), Role::User, client)
    }

    /// The viewer's user id, for building scoped queries.
    pub fn user_id(&self) -> Uuid {
        self.user_id
    }

    /// The session the request's access token belongs to.
    pub fn session_id(&self) -> Uuid {
        self.session_id
    }

    /// The viewer's role, as the database said at most the auth-cache bound ago.
    pub fn role(&self) -> Role {
        self.role
    }

    /// The client the request came from.
    pub fn client(&self) -> &ClientInfo {
        &self.client
    }
}

/// Who made a request: the viewer if it carried a valid token (`None` when it carried none)
/// and the client it came from.
#[derive(Debug, Clone)]
pub struct Caller {
    pub viewer: Option<Viewer>,
    pub client: Arc<ClientInfo>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_stored_roles_grant_nothing() {
        assert_eq!(Role::from_stored("ADMIN"), Role::Admin);
        assert_eq!(Role::from_stored("USER"), Role::User);
        assert_eq!(Role::from_stored("admin"), Role::User);
        assert_eq!(Role::from_stored("ROOT"), Role::User);
    }
}
