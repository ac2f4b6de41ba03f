//! Sealing the TOTP secrets stored in the database: XChaCha20-Poly1305 with a key derived by
//! HKDF-SHA256 from the server's signing secret (`JWT_SECRET`, [`super::secret`]) under its
//! own label, so the stored secret is useless without the configuration, and the two uses of
//! the one secret never share a key. Each seal has a fresh random 192-bit nonce; the user id
//! is the associated data, so a sealed secret copied onto another user's row does not open.
//!
//! Rotation: while `JWT_PREVIOUS_SECRET` is configured its key still opens what it sealed
//! ([`Sealer::open`] says which key did, so the caller can re-seal under the current one).
//! A secret sealed under a key that is no longer configured cannot be opened: that user's
//! codes stop working until the second factor is reset (docs/SECURITY.md).

use base64::Engine;
use base64::engine::general_purpose::STANDARD_NO_PAD;
use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{Key, XChaCha20Poly1305, XNonce};
use hkdf::Hkdf;
use rand::RngCore;
use sha2::Sha256;
use uuid::Uuid;

use super::Secret;

/// The HKDF label of the sealing key; a new version would be a new label.
const INFO: &[u8] = b"tally two-factor secret sealing v1";
/// Stored seals start with this version tag.
const PREFIX: &str = "v1.";
const NONCE_BYTES: usize = 24;

/// Seals and opens TOTP secrets. Its `Debug` shows no key.
#[derive(Clone)]
pub struct Sealer {
    current: XChaCha20Poly1305,
    previous: Option<XChaCha20Poly1305>,
}

impl std::fmt::Debug for Sealer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Sealer([keys redacted])")
    }
}

/// A secret opened, and whether it was sealed under the previous key (re-seal it).
#[derive(Debug)]
pub struct Opened {
    pub plain: Vec<u8>,
    pub under_previous_key: bool,
}

fn cipher(secret: &Secret) -> XChaCha20Poly1305 {
    let hkdf = Hkdf::<Sha256>::new(Some(b"tally"), secret.expose());
    let mut key = [0u8; 32];
    // 32 bytes is far below HKDF-SHA256's output limit: this cannot fail.
    let _ = hkdf.expand(INFO, &mut key);
    XChaCha20Poly1305::new(&Key::from(key))
}

impl Sealer {
    /// A sealer keyed from `secret`, also opening what `previous` sealed.
    pub fn new(secret: &Secret, previous: Option<&Secret>) -> Self {
        Self {
            current: cipher(secret),
            previous: previous.map(cipher),
        }
    }

    /// `plain` sealed for `user_id`: `v1.` and base64 of nonce and ciphertext.
    pub fn seal(&self, user_id: Uuid, plain: &[u8]) -> Result<String, SealError> {
        let mut nonce = [0u8; NONCE_BYTES];
        rand::rng().fill_bytes(&mut nonce);
        let payload = Payload {
            msg: plain,
            aad: user_id.as_bytes(),
        };
        let sealed = self
            .current
            .encrypt(&XNonce::from(nonce), payload)
            .map_err(|_| SealError)?;
        let mut out = nonce.to_vec();
        out.extend_from_slice(&sealed);
        Ok(format!("{PREFIX}{}", STANDARD_NO_PAD.encode(out)))
    }

    /// Open what [`Sealer::seal`] made for `user_id`, under the current or previous key.
    pub fn open(&self, user_id: Uuid, stored: &str) -> Result<Opened, SealError> {
        let bytes = stored
            .strip_prefix(PREFIX)
            .and_then(|b64| STANDARD_NO_PAD.decode(b64).ok())
            .filter(|bytes| bytes.len() > NONCE_BYTES)
            .ok_or(SealError)?;
        let (nonce, sealed) = bytes.split_at(NONCE_BYTES);
        let nonce: [u8; NONCE_BYTES] = nonce.try_into().map_err(|_| SealError)?;
        let nonce = XNonce::from(nonce);
        let open = |cipher: &XChaCha20Poly1305| {
            let payload = Payload {
                msg: sealed,
                aad: user_id.as_bytes(),
            };
            cipher.decrypt(&nonce, payload).ok()
        };
        if let Some(plain) = open(&self.current) {
            return Ok(Opened {
                plain,
                under_previous_key: false,
            });
        }
        let plain = self.previous.as_ref().and_then(open).ok_or(SealError)?;
        Ok(Opened {
            plain,
            under_previous_key: true,
        })
    }
}

/// A seal that cannot be made or opened (wrong key, another user's row, damaged).
#[derive(Debug, thiserror::Error)]
#[error("the two-factor secret cannot be opened with the configured keys")]
pub struct SealError;

#[cfg(test)]
mod tests {
    use super::*;

    fn secret(s: &str) -> Secret {
        Secret::from(s.to_owned())
    }

    #[test]
    fn a_seal_opens_only_for_its_user_and_key() {
        let old = secret("b2xkLXNlY3JldC1yb3RhdGVkLW91dC0xMjM0NTY3ODkw");
        let new = secret("Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5MGFiY2RlZmdoaWprbG1u");
        let (ada, bob) = (Uuid::now_v7(), Uuid::now_v7());
        let sealer = Sealer::new(&old, None);
        let sealed = sealer.seal(ada, b"twenty random bytes!").unwrap();
        assert_ne!(sealed, sealer.seal(ada, b"twenty random bytes!").unwrap());
        assert!(!sealed.contains("twenty"));
        assert_eq!(
            sealer.open(ada, &sealed).unwrap().plain,
            b"twenty random bytes!"
        );
        assert!(sealer.open(bob, &sealed).is_err());
        assert!(Sealer::new(&new, None).open(ada, &sealed).is_err());
        let rotated = Sealer::new(&new, Some(&old)).open(ada, &sealed).unwrap();
        assert!(rotated.under_previous_key);
        assert!(sealer.open(ada, "v1.AAAA").is_err());
    }
}
