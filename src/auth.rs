//! Authentication: password hashing ([`password`]), access tokens ([`token`]), the signing
//! secret ([`secret`]), TOTP codes ([`totp`]) and the sealing of their secrets ([`sealing`]), the client of a request ([`client`]), the gate that admits tokens
//! against live session state ([`gate`]) and the [`Viewer`] — the only way into user data
//! ([`viewer`]); the policy new passwords must meet ([`policy`]).
//!
//! `auth` sits below `service`: it never calls into it. The one thing the gate needs from
//! the database, a session's live state, comes through the narrow [`SessionStates`] trait
//! that the service layer implements.

pub mod client;
pub mod gate;
pub mod oidc;
pub mod password;
pub mod policy;
pub mod sealing;
pub mod secret;
pub mod token;
pub mod totp;
pub mod viewer;

pub use client::ClientInfo;
pub use gate::{AccessState, AuthGate, SessionStates};
pub use password::{Password, PasswordHasher};
pub use secret::Secret;
pub use token::{AccessClaims, IssuedToken, TokenError, TokenKeys};
pub use viewer::{Caller, Role, Viewer};

#[cfg(test)]
mod tests {
    /// Every source file of `auth`, by name.
    const SOURCES: &[(&str, &str)] = &[
        ("auth.rs", include_str!("auth.rs")),
        ("client.rs", include_str!("auth/client.rs")),
        ("gate.rs", include_str!("auth/gate.rs")),
        ("password.rs", include_str!("auth/password.rs")),
        (
            "password/threads.rs",
            include_str!("auth/password/threads.rs"),
        ),
        ("policy.rs", include_str!("auth/policy.rs")),
        ("sealing.rs", include_str!("auth/sealing.rs")),
        ("secret.rs", include_str!("auth/secret.rs")),
        ("totp.rs", include_str!("auth/totp.rs")),
        ("token.rs", include_str!("auth/token.rs")),
        ("viewer.rs", include_str!("auth/viewer.rs")),
    ];

    /// The layers above `auth`, as they would appear in a path.
    const ABOVE: &[&str] = &["crate::service", "crate::graphql", "crate::http"];

    #[test]
    fn auth_never_reaches_up_into_the_layers_that_use_it() {
        for (file, source) in SOURCES {
            let code = source.split("#[cfg(test)]").next().unwrap_or(source);
            for layer in ABOVE {
                assert!(!code.contains(layer), "auth/{file} names {layer}");
            }
        }
    }

    #[test]
    fn the_viewer_does_not_know_the_gate_that_makes_it() {
        let viewer = SOURCES.iter().find(|(file, _)| *file == "viewer.rs");
        let (_, source) = viewer.expect("viewer.rs is listed");
        let code = source.split("#[cfg(test)]").next().unwrap_or(source);
        assert!(!code.contains("gate::"), "viewer.rs imports the gate");
    }
}
