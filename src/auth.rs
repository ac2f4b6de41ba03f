//! Authentication: password hashing ([`password`]), access tokens ([`token`]), the signing
//! secret ([`secret`]), the client of a request ([`client`]), the gate that admits tokens
//! against live session state ([`gate`]) and the [`Viewer`] — the only way into user data
//! ([`viewer`]); the policy new passwords must meet ([`policy`]).

pub mod client;
pub mod gate;
pub mod password;
pub mod policy;
pub mod secret;
pub mod token;
pub mod viewer;

pub use client::ClientInfo;
pub use gate::AuthGate;
pub use password::{Password, PasswordHasher};
pub use secret::Secret;
pub use token::{AccessClaims, IssuedToken, TokenError, TokenKeys};
pub use viewer::{Caller, Role, Viewer};
