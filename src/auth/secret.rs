//! The JWT signing secret: from `JWT_SECRET` (or `JWT_SECRET_FILE`), or in development
//! generated once and kept in the data directory (mode 0600). A short, placeholder or
//! repetitive secret is refused in every environment, also one read back from that file;
//! production also refuses none at all.
//! An empty value counts as unset.
//!
//! Key rotation: a previous secret (`JWT_PREVIOUS_SECRET` or `JWT_PREVIOUS_SECRET_FILE`,
//! same strength rules) keeps verifying the tokens it signed until
//! `JWT_PREVIOUS_SECRET_VALID_UNTIL`, which is required with it ([`load_previous`]).

use std::io::Write;
use std::path::{Path, PathBuf};

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::{DateTime, Utc};
use rand::RngCore;

use crate::config::Environment;
pub use crate::config::Secret;

/// Shortest accepted secret, in bytes (256 bits for HS256).
pub const MIN_SECRET_BYTES: usize = 32;

/// Name of the generated development secret inside the data directory.
pub const DEV_SECRET_FILE: &str = "jwt-secret";

/// Why a secret cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum SecretError {
    #[error(
        "JWT_SECRET is required when TALLY_ENV=production; generate one with `openssl rand -base64 48`"
    )]
    Missing,
    #[error(
        "JWT_SECRET is too weak: {0}; use at least {MIN_SECRET_BYTES} random bytes (e.g. `openssl rand -base64 48`)"
    )]
    Weak(&'static str),
    #[error(
        "JWT_PREVIOUS_SECRET is too weak: {0}; a previous secret follows the rules of JWT_SECRET"
    )]
    PreviousWeak(&'static str),
    #[error(
        "JWT_PREVIOUS_SECRET_VALID_UNTIL (an RFC 3339 instant) is required when JWT_PREVIOUS_SECRET is set"
    )]
    PreviousWithoutEnd,
    #[error("JWT_PREVIOUS_SECRET is the same as JWT_SECRET; set it to the secret being retired")]
    PreviousIsCurrent,
    #[error(
        "the development JWT secret in {path} is too weak: {reason}; delete the file to generate a new one, or set JWT_SECRET"
    )]
    WeakDevFile { path: PathBuf, reason: &'static str },
    /// A malformed setting next to the secrets (an OpenID Connect provider's).
    #[error("{0}")]
    Config(String),
    #[error("cannot read the JWT secret file {path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
}

/// The secret from the environment: `JWT_SECRET`, or the contents of the file named by
/// `JWT_SECRET_FILE` (for container secrets). `None` when neither is set.
pub fn from_env() -> Result<Option<Secret>, SecretError> {
    from_env_vars("JWT_SECRET", "JWT_SECRET_FILE")
}

/// The previous secret from the environment: `JWT_PREVIOUS_SECRET`, or the contents of the
/// file named by `JWT_PREVIOUS_SECRET_FILE`. `None` when neither is set.
pub fn previous_from_env() -> Result<Option<Secret>, SecretError> {
    from_env_vars("JWT_PREVIOUS_SECRET", "JWT_PREVIOUS_SECRET_FILE")
}

fn from_env_vars(value_var: &str, file_var: &str) -> Result<Option<Secret>, SecretError> {
    let given = |value: String| Some(value.trim().to_owned()).filter(|v| !v.is_empty());
    if let Some(value) = std::env::var(value_var).ok().and_then(given) {
        return Ok(Some(Secret::from(value)));
    }
    let Some(path) = std::env::var(file_var).ok().and_then(given) else {
        return Ok(None);
    };
    let path = PathBuf::from(path);
    match std::fs::read_to_string(&path) {
        Ok(text) => Ok(given(text).map(Secret::from)),
        Err(source) => Err(SecretError::Io { path, source }),
    }
}

/// Words that mark a secret copied from an example rather than generated.
const PLACEHOLDERS: &[&str] = &[
    "changeme",
    "change-me",
    "change_me",
    "change-this",
    "secret",
    "placeholder",
    "example",
    "password",
    "default",
    "your-",
    "your_",
    "insert",
    "replace",
];

/// Check a secret's strength; `Err` names the reason.
pub fn check_strength(secret: &Secret) -> Result<(), &'static str> {
    let bytes = secret.expose();
    if bytes.len() < MIN_SECRET_BYTES {
        return Err("it is shorter than 32 bytes");
    }
    let lower = String::from_utf8_lossy(bytes).to_lowercase();
    if PLACEHOLDERS.iter().any(|p| lower.contains(p)) {
        return Err("it looks like a placeholder");
    }
    let mut distinct: Vec<u8> = bytes.to_vec();
    distinct.sort_unstable();
    distinct.dedup();
    if distinct.len() < 10 {
        return Err("it repeats too few distinct characters");
    }
    Ok(())
}

/// The secret to sign with, per the rules above: the `configured` one, or in development a
/// generated one kept in `data_dir`.
pub fn load(
    configured: Option<&Secret>,
    environment: Environment,
    data_dir: &Path,
) -> Result<Secret, SecretError> {
    match configured {
        // A weak secret lets anyone who guesses it sign tokens: refused in every environment
        // (development can leave it unset and get a generated one).
        Some(secret) => check_strength(secret)
            .map(|()| secret.clone())
            .map_err(SecretError::Weak),
        None if environment == Environment::Production => Err(SecretError::Missing),
        None => load_or_create_dev_secret(data_dir),
    }
}

/// The previous secret and the instant it stops verifying, if one is configured: as strong
/// as a current secret, different from `current`, and with its end instant.
pub fn load_previous(
    previous: Option<&Secret>,
    valid_until: Option<DateTime<Utc>>,
    current: &Secret,
) -> Result<Option<(Secret, DateTime<Utc>)>, SecretError> {
    let Some(previous) = previous else {
        return Ok(None);
    };
    check_strength(previous).map_err(SecretError::PreviousWeak)?;
    if previous == current {
        return Err(SecretError::PreviousIsCurrent);
    }
    let valid_until = valid_until.ok_or(SecretError::PreviousWithoutEnd)?;
    if valid_until <= Utc::now() {
        tracing::warn!(
            %valid_until,
            "JWT_PREVIOUS_SECRET_VALID_UNTIL has passed: the previous secret verifies nothing"
        );
    }
    Ok(Some((previous.clone(), valid_until)))
}

fn load_or_create_dev_secret(dir: &Path) -> Result<Secret, SecretError> {
    let path = dir.join(DEV_SECRET_FILE);
    let io = |source| SecretError::Io {
        path: path.clone(),
        source,
    };
    match std::fs::read_to_string(&path) {
        // Re-read from disk, it passes the same strength check as one from the environment:
        // anyone who can write the data directory could otherwise plant a guessable key.
        Ok(text) if !text.trim().is_empty() => {
            let secret = Secret::from(text.trim().to_owned());
            return match check_strength(&secret) {
                Ok(()) => Ok(secret),
                Err(reason) => Err(SecretError::WeakDevFile { path, reason }),
            };
        }
        Ok(_) => {}
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => {}
        Err(err) => return Err(io(err)),
    }
    std::fs::create_dir_all(dir).map_err(io)?;
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    let secret = URL_SAFE_NO_PAD.encode(bytes);
    write_private(&path, &secret).map_err(io)?;
    tracing::warn!(
        path = %path.display(),
        "no JWT_SECRET set: generated a development secret; set JWT_SECRET in production"
    );
    Ok(Secret::from(secret))
}

fn write_private(path: &Path, contents: &str) -> std::io::Result<()> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options.open(path)?;
    file.write_all(contents.as_bytes())?;
    file.sync_all()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn secret(s: &str) -> Secret {
        Secret::from(s.to_owned())
    }

    #[test]
    fn short_placeholder_and_repetitive_secrets_are_weak() {
        assert!(check_strength(&secret("short")).is_err());
        assert!(check_strength(&secret("changeme-changeme-changeme-changeme")).is_err());
        assert!(check_strength(&secret("your-256-bit-secret-goes-here-please")).is_err());
        assert!(check_strength(&secret(&"ab".repeat(32))).is_err());
        assert!(
            check_strength(&secret("Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5MGFiY2RlZmdoaWprbG1u")).is_ok()
        );
    }

    fn load_with_previous(
        previous: &str,
        until: Option<DateTime<Utc>>,
        current: &Secret,
    ) -> Result<Option<(Secret, DateTime<Utc>)>, SecretError> {
        load_previous(Some(&secret(previous)), until, current)
    }

    #[test]
    fn a_previous_secret_needs_its_end_strength_and_a_new_current_secret() {
        let current_text = "Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5MGFiY2RlZmdoaWprbG1u";
        let current = secret(current_text);
        let old = "b2xkLXNlY3JldC1yb3RhdGVkLW91dC0xMjM0NTY3ODkw";
        let end = Utc::now() + chrono::Duration::hours(1);
        let until = Some(end);

        let loaded = load_with_previous(old, until, &current).unwrap();
        let without_end = load_with_previous(old, None, &current);
        let weak = load_with_previous("short", until, &current);
        let same = load_with_previous(current_text, until, &current);

        assert_eq!(loaded, Some((secret(old), end)));
        assert!(matches!(without_end, Err(SecretError::PreviousWithoutEnd)));
        assert!(matches!(weak, Err(SecretError::PreviousWeak(_))));
        assert!(matches!(same, Err(SecretError::PreviousIsCurrent)));
        assert_eq!(load_previous(None, until, &current).unwrap(), None);
    }

    #[test]
    fn the_development_secret_is_generated_once_with_mode_0600() {
        let dir = std::env::temp_dir().join(format!("tally-secret-{}", uuid::Uuid::now_v7()));
        let first = load_or_create_dev_secret(&dir).expect("generated");
        let second = load_or_create_dev_secret(&dir).expect("read back");
        assert_eq!(first, second);
        assert!(check_strength(&first).is_ok());
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(dir.join(DEV_SECRET_FILE))
                .unwrap()
                .permissions()
                .mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        std::fs::remove_dir_all(dir).ok();
    }
}
