//! Signing up and logging in: passwords, the policy, tokens and key rotation, the account lock,
//! rate limits, enumeration resistance, and deleting one's account.

pub mod delete_account;
pub mod enumeration;
pub mod key_rotation;
pub mod lock_races;
pub mod lockout;
pub mod login;
pub mod oidc;
pub mod oidc_failures;
pub mod password_change;
pub mod password_checks;
pub mod password_policy;
pub mod profile;
pub mod rate_limits;
pub mod tokens;
