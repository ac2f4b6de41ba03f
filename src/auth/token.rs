//! Access tokens: short-lived JWTs signed with HS256.
//!
//! jsonwebtoken's defaults are not enough (60 s of expiry leeway, `iss`/`aud`/`nbf` optional),
//! so every rule is set here explicitly: HS256 only, header `typ` = `at+jwt` (RFC 9068, so no
//! other kind of token passes as an access token), `kid` naming our key, required `sub`,
//! `exp`, `iat`, `nbf`, `iss`, `aud`, leeway of 5 seconds, `iat` not in the future, a lifetime
//! (`exp - iat`) no longer than the configured one, and `sub` a canonical UUID.
//!
//! Every token also names its session (`sid`) and the user's token version (`ver`) at
//! issue; the gate ([`super::gate`]) refuses it once the session is revoked or the version
//! has moved on (logout everywhere, password or role change, account disabled).
//!
//! Key rotation: tokens are always signed with the current key; a previous key (see
//! [`TokenKeys::with_previous`]) still verifies the tokens it signed, chosen by their `kid`,
//! until its end instant. A `kid` is only ever compared for equality with our two key ids,
//! so an unknown or hostile one (a path, SQL, a huge string) is just a refused token.

use chrono::{DateTime, Utc};
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use uuid::Uuid;

use super::Secret;

/// Clock skew tolerated on `exp`, `nbf` and `iat`, in seconds.
pub const LEEWAY_SECONDS: u64 = 5;
/// The JOSE `typ` of Tally access tokens.
pub const ACCESS_TOKEN_TYPE: &str = "at+jwt";
/// Longest token considered at all; anything longer is refused unparsed.
const MAX_TOKEN_BYTES: usize = 4096;

/// The claims of an access token.
#[derive(Debug, Serialize, Deserialize)]
struct Claims {
    sub: String,
    iss: String,
    aud: String,
    exp: i64,
    nbf: i64,
    iat: i64,
    jti: String,
    sid: String,
    ver: i64,
}

/// What a verified access token vouches for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AccessClaims {
    pub user_id: Uuid,
    pub session_id: Uuid,
    /// The user's token version when the token was issued.
    pub version: i64,
}

/// Why a token was refused. Every variant is the same 401 to the client.
#[derive(Debug, thiserror::Error)]
pub enum TokenError {
    #[error("token is malformed or too long")]
    Malformed,
    #[error("token header is not that of a Tally access token")]
    WrongHeader,
    #[error("token names no key we verify with")]
    UnknownKey,
    #[error("token was signed with a previous key that is no longer accepted")]
    KeyRetired,
    #[error("token failed verification: {0}")]
    Invalid(#[from] jsonwebtoken::errors::Error),
    #[error("token was issued in the future")]
    IssuedInFuture,
    #[error("token lifetime is longer than Tally issues")]
    LifetimeTooLong,
    #[error("token subject or session is not a canonical id")]
    BadSubject,
    #[error("signing failed: {0}")]
    Signing(jsonwebtoken::errors::Error),
}

/// A freshly issued access token.
#[derive(Debug, Clone)]
pub struct IssuedToken {
    pub token: String,
    pub expires_at: DateTime<Utc>,
}

/// Settings of issued tokens.
#[derive(Debug, Clone)]
pub struct TokenSettings {
    pub issuer: String,
    pub audience: String,
    pub ttl: chrono::Duration,
}

/// The keys and rules for issuing and verifying access tokens.
pub struct TokenKeys {
    kid: String,
    encoding: EncodingKey,
    decoding: DecodingKey,
    previous: Option<PreviousKey>,
    validation: Validation,
    settings: TokenSettings,
}

/// A key tokens were signed with before the current one, honoured until `valid_until`.
struct PreviousKey {
    kid: String,
    decoding: DecodingKey,
    valid_until: DateTime<Utc>,
}

impl TokenKeys {
    /// Keys derived from `secret`; the `kid` is a digest of the secret, never the secret.
    pub fn new(secret: &Secret, settings: TokenSettings) -> Self {
        let mut validation = Validation::new(Algorithm::HS256);
        validation.leeway = LEEWAY_SECONDS;
        validation.validate_exp = true;
        validation.validate_nbf = true;
        validation.validate_aud = true;
        validation.set_required_spec_claims(&["exp", "nbf", "iss", "aud", "sub"]);
        validation.set_issuer(&[&settings.issuer]);
        validation.set_audience(&[&settings.audience]);
        Self {
            kid: key_id(secret),
            encoding: EncodingKey::from_secret(secret.expose()),
            decoding: DecodingKey::from_secret(secret.expose()),
            previous: None,
            validation,
            settings,
        }
    }

    /// These keys, also verifying tokens signed with `previous` (matched by their `kid`)
    /// until `valid_until`; nothing is ever signed with it.
    pub fn with_previous(mut self, previous: &Secret, valid_until: DateTime<Utc>) -> Self {
        self.previous = Some(PreviousKey {
            kid: key_id(previous),
            decoding: DecodingKey::from_secret(previous.expose()),
            valid_until,
        });
        self
    }

    /// The key id put in the header of every token.
    pub fn kid(&self) -> &str {
        &self.kid
    }

    /// Issue an access token for the user and session of `claims`, valid from now for the
    /// configured lifetime.
    pub fn issue(&self, access: AccessClaims) -> Result<IssuedToken, TokenError> {
        let now = Utc::now();
        let expires_at = now + self.settings.ttl;
        let claims = Claims {
            sub: access.user_id.to_string(),
            sid: access.session_id.to_string(),
            ver: access.version,
            iss: self.settings.issuer.clone(),
            aud: self.settings.audience.clone(),
            exp: expires_at.timestamp(),
            nbf: now.timestamp(),
            iat: now.timestamp(),
            jti: Uuid::now_v7().to_string(),
        };
        let mut header = Header::new(Algorithm::HS256);
        header.typ = Some(ACCESS_TOKEN_TYPE.to_owned());
        header.kid = Some(self.kid.clone());
        let token =
            jsonwebtoken::encode(&header, &claims, &self.encoding).map_err(TokenError::Signing)?;
        let expires_at = DateTime::from_timestamp(claims.exp, 0).unwrap_or(expires_at);
        Ok(IssuedToken { token, expires_at })
    }

    /// Verify a token and return what it vouches for.
    pub fn verify(&self, token: &str) -> Result<AccessClaims, TokenError> {
        self.verify_until(token).map(|(claims, _)| claims)
    }

    /// Like [`TokenKeys::verify`], with the token's expiry (`exp`, Unix seconds): a
    /// WebSocket lives past its token's end only with a fresh one.
    pub fn verify_until(&self, token: &str) -> Result<(AccessClaims, i64), TokenError> {
        if token.is_empty() || token.len() > MAX_TOKEN_BYTES {
            return Err(TokenError::Malformed);
        }
        let header = jsonwebtoken::decode_header(token)?;
        if header.alg != Algorithm::HS256 || header.typ.as_deref() != Some(ACCESS_TOKEN_TYPE) {
            return Err(TokenError::WrongHeader);
        }
        let key = self.decoding_key(header.kid.as_deref().unwrap_or_default())?;
        let claims = jsonwebtoken::decode::<Claims>(token, key, &self.validation)?.claims;
        let leeway = i64::try_from(LEEWAY_SECONDS).unwrap_or(0);
        if claims.iat > Utc::now().timestamp() + leeway {
            return Err(TokenError::IssuedInFuture);
        }
        // A token living longer than we issue them was not made by us (or under an older,
        // longer lifetime setting): refuse it rather than honour an arbitrary `exp`.
        if claims.iat < 0 || claims.exp - claims.iat > self.settings.ttl.num_seconds() + leeway {
            return Err(TokenError::LifetimeTooLong);
        }
        let access = AccessClaims {
            user_id: canonical_uuid(&claims.sub)?,
            session_id: canonical_uuid(&claims.sid)?,
            version: claims.ver,
        };
        Ok((access, claims.exp))
    }

    /// The key that signed a token with this `kid`: the current one, or the previous one
    /// until its end. Only an equality test, so a hostile `kid` cannot reach anything.
    fn decoding_key(&self, kid: &str) -> Result<&DecodingKey, TokenError> {
        if kid == self.kid {
            return Ok(&self.decoding);
        }
        match &self.previous {
            Some(previous) if kid == previous.kid => {
                if Utc::now() < previous.valid_until {
                    Ok(&previous.decoding)
                } else {
                    Err(TokenError::KeyRetired)
                }
            }
            _ => Err(TokenError::UnknownKey),
        }
    }
}

fn canonical_uuid(text: &str) -> Result<Uuid, TokenError> {
    let id = Uuid::parse_str(text).map_err(|_| TokenError::BadSubject)?;
    if id.hyphenated().to_string() != text {
        return Err(TokenError::BadSubject);
    }
    Ok(id)
}

fn key_id(secret: &Secret) -> String {
    let digest = Sha256::new()
        .chain_update(b"tally/kid/v1")
        .chain_update(secret.expose())
        .finalize();
    let hex: String = digest.iter().take(8).map(|b| format!("{b:02x}")).collect();
    format!("hs256-{hex}")
}

#[cfg(test)]
mod tests;
