//! Authentication: password hashing ([`password`]), access tokens ([`token`]), the signing
//! secret ([`secret`]) and the [`Viewer`] — the only way into user data ([`viewer`]).

pub mod password;
pub mod secret;
pub mod token;
pub mod viewer;

pub use password::{Password, PasswordHasher};
pub use secret::Secret;
pub use token::{IssuedToken, TokenError, TokenKeys};
pub use viewer::{MaybeViewer, Viewer};
