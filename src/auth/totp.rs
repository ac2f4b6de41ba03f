//! Time-based one-time passwords (RFC 6238) through `totp-rs`: the standard parameters every
//! authenticator app understands (HMAC-SHA1, 6 digits, 30-second steps), 160-bit secrets,
//! and a code accepted for its step or the one before or after (clock skew).
//!
//! [`TotpSecret::check`] answers *which* time step a code matched: accepting each step once
//! (RFC 6238 §5.2) is the caller's job, done atomically in the database.

use rand::RngCore;
use totp_rs::{Builder, Totp};

/// Bytes of a new secret (160 bits, RFC 4226's recommendation).
const SECRET_BYTES: usize = 20;
/// Shown as the issuer in authenticator apps.
pub const ISSUER: &str = "Tally";

/// A TOTP secret. Its `Debug` never shows it.
pub struct TotpSecret(Vec<u8>);

impl std::fmt::Debug for TotpSecret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("TotpSecret([redacted])")
    }
}

impl TotpSecret {
    /// 160 fresh random bits.
    pub fn generate() -> Self {
        let mut bytes = vec![0u8; SECRET_BYTES];
        rand::rng().fill_bytes(&mut bytes);
        Self(bytes)
    }

    /// A secret from its stored bytes.
    pub fn from_bytes(bytes: Vec<u8>) -> Self {
        Self(bytes)
    }

    /// The raw bytes (to seal them).
    pub fn expose(&self) -> &[u8] {
        &self.0
    }

    fn totp(&self, account: &str) -> Totp {
        Builder::new()
            .with_secret(self.0.clone())
            // A colon would end the label early: authenticator apps split on it.
            .with_account_name(account.replace(':', "_"))
            .with_issuer(Some(ISSUER))
            .build_noncompliant()
    }

    /// The base32 text of the secret, to type into an app that cannot scan.
    pub fn base32(&self) -> String {
        self.totp("").secret().to_base32()
    }

    /// The `otpauth://totp/…` URI the dashboard shows as a QR code.
    pub fn otpauth_uri(&self, account: &str) -> Result<String, totp_rs::TotpError> {
        self.totp(account).to_url()
    }

    /// The time step (Unix seconds / 30) `code` matched at `unix_time`, within one step of
    /// skew; `None` for a wrong or malformed code. Spaces in the code are ignored.
    pub fn check(&self, code: &str, unix_time: u64) -> Option<i64> {
        let code: String = code.chars().filter(|c| !c.is_whitespace()).collect();
        if code.len() != 6 || !code.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let step = self.totp("").check(&code, unix_time)?;
        i64::try_from(step).ok()
    }

    /// The code of `unix_time` (tests, and nothing else, compute codes).
    pub fn code_at(&self, unix_time: u64) -> String {
        self.totp("").generate(unix_time).to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc_6238_sha1_test_vector() {
        let secret = TotpSecret::from_bytes(b"12345678901234567890".to_vec());
        // RFC 6238 Appendix B, T = 59: 94287082, of which 6 digits are 287082.
        assert_eq!(secret.code_at(59), "287082");
        assert_eq!(secret.check("287082", 59), Some(1));
        assert_eq!(
            secret.check("287 082", 59 + 30),
            Some(1),
            "one step of skew"
        );
        assert_eq!(secret.check("287082", 59 + 90), None);
        assert_eq!(secret.check("28708", 59), None);
        assert_eq!(secret.check("abcdef", 59), None);
    }

    #[test]
    fn the_uri_names_issuer_and_account_and_carries_the_secret() {
        let secret = TotpSecret::generate();
        let uri = secret.otpauth_uri("ada@example.com").unwrap();
        assert!(
            uri.starts_with("otpauth://totp/Tally:ada%40example.com?"),
            "{uri}"
        );
        assert!(uri.contains(&format!("secret={}", secret.base32())));
        assert!(uri.contains("issuer=Tally"));
        assert_eq!(format!("{secret:?}"), "TotpSecret([redacted])");
    }
}
