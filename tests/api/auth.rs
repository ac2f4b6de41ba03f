//! Signing up and logging in: passwords, the policy, tokens and key rotation, the account lock,
//! rate limits, enumeration resistance, deleting one's account, and two-factor sign-in.

pub mod delete_account;
pub mod enumeration;
pub mod key_rotation;
pub mod lock_races;
pub mod lockout;
pub mod login;
pub mod oidc;
pub mod oidc_failures;
pub mod oidc_two_factor;
pub mod password_change;
pub mod password_checks;
pub mod password_policy;
pub mod profile;
pub mod rate_limits;
pub mod tokens;
pub mod two_factor;
pub mod two_factor_guards;
pub mod two_factor_keys;
