//! Password hashing with bcrypt, off the async runtime and under a concurrency bound.
//!
//! bcrypt reads at most 72 bytes and silently ignores the rest, so a password is first
//! condensed with HMAC-SHA-256 (keyed with a fixed, Tally-specific label so a leaked plain
//! SHA-256 of the password elsewhere cannot be tried against our hashes) and base64-encoded:
//! 44 bytes, no NUL, every byte of the password counts. Long UTF-8 passphrases just work.
//!
//! Hashes run on the hasher's own low-priority threads ([`threads`]), so a storm of logins
//! uses the CPU nothing else wants instead of slowing every other request.

mod threads;

use std::fmt;
use std::sync::Arc;

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use hmac::{Hmac, Mac};
use sha2::Sha256;
use tokio::sync::{OnceCell, Semaphore};

use self::threads::HashThreads;
use crate::error::{AppError, AppResult};

/// Fewest characters in a password.
pub const MIN_PASSWORD_CHARS: usize = 8;
/// Most characters in a password.
pub const MAX_PASSWORD_CHARS: usize = 256;

const PREHASH_KEY: &[u8] = b"tally/password/bcrypt-prehash/v1";

/// A password that met the length rules. Its `Debug` never shows it.
pub struct Password(String);

impl Password {
    /// Validate a new password (8..=256 characters, counted as Unicode scalar values).
    pub fn new(raw: String, field: &str) -> AppResult<Self> {
        let chars = raw.chars().count();
        if chars < MIN_PASSWORD_CHARS {
            return Err(AppError::bad_input(
                field,
                format!("Password must be at least {MIN_PASSWORD_CHARS} characters long"),
            ));
        }
        if chars > MAX_PASSWORD_CHARS {
            return Err(AppError::bad_input(
                field,
                format!("Password must be at most {MAX_PASSWORD_CHARS} characters long"),
            ));
        }
        Ok(Self(raw))
    }

    /// A password presented at login: never validated (that would reveal the rules' effect
    /// on existing accounts), only bounded so it cannot be used to burn CPU on HMAC.
    pub fn presented(raw: String) -> Self {
        Self(raw.chars().take(MAX_PASSWORD_CHARS + 1).collect())
    }
}

impl fmt::Debug for Password {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Password([redacted])")
    }
}

/// Hashes and verifies passwords on `concurrency` dedicated low-priority threads, so a storm
/// of logins queues here instead of starving every other request of CPU or threads.
pub struct PasswordHasher {
    cost: u32,
    permits: Arc<Semaphore>,
    threads: HashThreads,
    dummy_hash: OnceCell<String>,
}

impl PasswordHasher {
    /// A hasher with the given bcrypt cost and concurrency bound; fails only if the operating
    /// system refuses to start its threads.
    pub fn new(cost: u32, concurrency: usize) -> std::io::Result<Self> {
        Ok(Self {
            cost,
            permits: Arc::new(Semaphore::new(concurrency.max(1))),
            threads: HashThreads::start(concurrency.max(1))?,
            dummy_hash: OnceCell::new(),
        })
    }

    /// Hash a new password for storage.
    #[tracing::instrument(skip_all)]
    pub async fn hash(&self, password: &Password) -> AppResult<String> {
        let input = prehash(&password.0);
        let cost = self.cost;
        self.blocking(move || bcrypt::hash(input, cost)).await
    }

    /// Does `password` match the stored `hash`? A malformed stored hash is an internal error.
    #[tracing::instrument(skip_all)]
    pub async fn verify(&self, password: &Password, hash: &str) -> AppResult<bool> {
        let input = prehash(&password.0);
        let hash = hash.to_owned();
        self.blocking(move || bcrypt::verify(input, &hash)).await
    }

    /// Compute the dummy hash now, so the first unknown-email login costs what later ones do.
    pub async fn warm_up(&self) -> AppResult<()> {
        self.dummy().await.map(|_| ())
    }

    async fn dummy(&self) -> AppResult<&String> {
        self.dummy_hash
            .get_or_try_init(|| async {
                let random = Password(uuid::Uuid::new_v4().to_string());
                self.hash(&random).await
            })
            .await
    }

    /// Spend the time a real verification takes, for a login whose email is unknown, so that
    /// timing does not tell which emails have accounts. Always `false`.
    #[tracing::instrument(skip_all)]
    pub async fn verify_against_dummy(&self, password: &Password) -> AppResult<bool> {
        let dummy = self.dummy().await?;
        self.verify(password, dummy).await.map(|_| false)
    }

    async fn blocking<T, F>(&self, work: F) -> AppResult<T>
    where
        F: FnOnce() -> Result<T, bcrypt::BcryptError> + Send + 'static,
        T: Send + 'static,
    {
        // The permit moves into the job: if the client hangs up and this future is dropped,
        // the hash still holds its place in the bound until it really finishes.
        let permit = self
            .permits
            .clone()
            .acquire_owned()
            .await
            .map_err(AppError::internal)?;
        let result = self
            .threads
            .run(move || {
                let result = work();
                drop(permit);
                result
            })
            .await;
        result
            .ok_or_else(|| AppError::internal(anyhow::anyhow!("a password hash failed")))?
            .map_err(AppError::internal)
    }
}

fn prehash(password: &str) -> String {
    // HMAC accepts keys of any length, so this cannot fail.
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(PREHASH_KEY)
        .unwrap_or_else(|_| unreachable!("HMAC takes any key length"));
    mac.update(password.as_bytes());
    STANDARD.encode(mac.finalize().into_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hasher() -> PasswordHasher {
        PasswordHasher::new(4, 2).unwrap()
    }

    fn pw(s: &str) -> Password {
        Password(s.to_owned())
    }

    #[tokio::test]
    async fn a_password_verifies_and_a_different_one_does_not() {
        let h = hasher();
        let hash = h.hash(&pw("correct horse battery")).await.unwrap();
        assert!(h.verify(&pw("correct horse battery"), &hash).await.unwrap());
        assert!(
            !h.verify(&pw("correct horse battery!"), &hash)
                .await
                .unwrap()
        );
    }

    #[tokio::test]
    async fn bytes_after_the_72nd_still_count() {
        let h = hasher();
        let long = "x".repeat(72);
        let hash = h.hash(&pw(&long)).await.unwrap();
        assert!(
            !h.verify(&pw(&format!("{long}suffix")), &hash)
                .await
                .unwrap()
        );
    }

    #[tokio::test]
    async fn long_utf8_passphrases_work() {
        let h = hasher();
        let phrase = "Ünïcødé pässphrâse — 日本語のパスワード — ".repeat(4);
        assert!(phrase.chars().count() >= 64);
        let hash = h.hash(&pw(&phrase)).await.unwrap();
        assert!(h.verify(&pw(&phrase), &hash).await.unwrap());
    }

    #[tokio::test]
    async fn the_dummy_verification_never_succeeds() {
        assert!(
            !hasher()
                .verify_against_dummy(&pw("anything"))
                .await
                .unwrap()
        );
    }

    #[tokio::test]
    async fn a_hash_keeps_its_permit_even_when_its_caller_gives_up() {
        let hasher = PasswordHasher::new(12, 1).unwrap();
        let abandoned = tokio::time::timeout(
            std::time::Duration::from_millis(5),
            hasher.hash(&pw("correct horse battery")),
        )
        .await;
        assert!(abandoned.is_err(), "cost 12 takes longer than 5 ms");
        assert_eq!(
            hasher.permits.available_permits(),
            0,
            "the running hash still holds it"
        );
        let _ = hasher.permits.acquire().await.unwrap();
    }

    #[test]
    fn length_rules_count_characters_not_bytes() {
        assert!(Password::new("short".into(), "password").is_err());
        assert!(Password::new("ääääääää".into(), "password").is_ok());
        assert!(Password::new("a".repeat(256), "password").is_ok());
        assert!(Password::new("a".repeat(257), "password").is_err());
    }

    #[test]
    fn debug_never_shows_the_password() {
        assert!(!format!("{:?}", pw("hunter2hunter2")).contains("hunter2"));
    }
}
