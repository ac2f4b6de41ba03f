//! Signing in through OpenID Connect providers, on the database's side: the pending
//! attempts ([`states`]), the sign-in or sign-up an ID token leads to ([`accounts`]), and a
//! signed-in user's linked providers ([`links`]). Talking to the providers is
//! `crate::auth::oidc`.
//!
//! The rules:
//! - a provider's account (`provider`, `sub`) belongs to at most one user, and signs them in;
//! - an unknown one with a *verified* email that no account has creates an account (no
//!   password); with an email an account already has, nothing happens: that account's owner
//!   signs in (proving it is theirs) and links the provider in Settings — never silently;
//! - a user keeps at least one way to sign in: the last one cannot be unlinked.

pub mod accounts;
pub mod failures;
pub mod links;
pub mod states;

pub use accounts::sign_in;
pub use links::{Identity, identities, link, unlink};
pub use states::{Pending, Purpose, begin, take};

/// Why a callback could not sign in or link: each has a stable code the dashboard shows
/// (in its URL after the redirect).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// No such pending attempt: unknown, expired, used, for another provider, or another
    /// browser's (login CSRF).
    InvalidState,
    /// The provider does not vouch for the email (or gave none) and no account is linked.
    EmailUnverified,
    /// An account with this email exists: sign in to it and link the provider.
    LinkRequired,
    /// This provider account is linked to another user.
    IdentityInUse,
    /// The account is disabled.
    AccountDisabled,
}

impl Refusal {
    pub fn code(self) -> &'static str {
        match self {
            Self::InvalidState => "invalid_state",
            Self::EmailUnverified => "email_unverified",
            Self::LinkRequired => "link_required",
            Self::IdentityInUse => "identity_in_use",
            Self::AccountDisabled => "account_disabled",
        }
    }

    /// The reason in the audit log.
    pub(super) fn reason(self) -> &'static str {
        match self {
            Self::InvalidState => "OIDC_INVALID_STATE",
            Self::EmailUnverified => "OIDC_EMAIL_UNVERIFIED",
            Self::LinkRequired => "OIDC_LINK_REQUIRED",
            Self::IdentityInUse => "OIDC_IDENTITY_IN_USE",
            Self::AccountDisabled => "DISABLED",
        }
    }
}
