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
        Ok(AccessClaims {
            user_id: canonical_uuid(&claims.sub)?,
            session_id: canonical_uuid(&claims.sid)?,
            version: claims.ver,
        })
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
mod tests {
    use super::*;

    const SECRET: &str = "a-test-secret-of-at-least-thirty-two-bytes!";
    const NEXT_SECRET: &str = "the-next-test-secret-also-thirty-two-bytes+";

    fn settings() -> TokenSettings {
        TokenSettings {
            issuer: "tally".into(),
            audience: "tally-api".into(),
            ttl: chrono::Duration::minutes(60),
        }
    }

    fn keys_from(secret: &str) -> TokenKeys {
        TokenKeys::new(&secret.parse().unwrap(), settings())
    }

    fn keys() -> TokenKeys {
        keys_from(SECRET)
    }

    /// Keys signing with [`NEXT_SECRET`] that still honour [`SECRET`] until `valid_until`.
    fn rotated(valid_until: DateTime<Utc>) -> TokenKeys {
        keys_from(NEXT_SECRET).with_previous(&SECRET.parse().unwrap(), valid_until)
    }

    fn access() -> AccessClaims {
        AccessClaims {
            user_id: Uuid::now_v7(),
            session_id: Uuid::now_v7(),
            version: 3,
        }
    }

    #[test]
    fn an_issued_token_verifies_to_its_user_session_and_version() {
        let keys = keys();
        let access = access();
        let issued = keys.issue(access).unwrap();
        assert_eq!(keys.verify(&issued.token).unwrap(), access);
        assert!(issued.expires_at > Utc::now());
    }

    #[test]
    fn the_header_names_type_algorithm_and_key() {
        let keys = keys();
        let header = jsonwebtoken::decode_header(keys.issue(access()).unwrap().token).unwrap();
        assert_eq!(header.alg, Algorithm::HS256);
        assert_eq!(header.typ.as_deref(), Some("at+jwt"));
        assert_eq!(header.kid.as_deref(), Some(keys.kid()));
        assert!(!keys.kid().contains("thirty-two"));
    }

    fn forge(keys: &TokenKeys, edit: impl FnOnce(&mut Claims)) -> String {
        forge_with_kid(keys, &keys.kid, edit)
    }

    fn forge_with_kid(keys: &TokenKeys, kid: &str, edit: impl FnOnce(&mut Claims)) -> String {
        let now = Utc::now().timestamp();
        let mut claims = Claims {
            sub: Uuid::now_v7().to_string(),
            iss: "tally".into(),
            aud: "tally-api".into(),
            exp: now + 60,
            nbf: now,
            iat: now,
            jti: "x".into(),
            sid: Uuid::now_v7().to_string(),
            ver: 0,
        };
        edit(&mut claims);
        let mut header = Header::new(Algorithm::HS256);
        header.typ = Some(ACCESS_TOKEN_TYPE.to_owned());
        header.kid = Some(kid.to_owned());
        jsonwebtoken::encode(&header, &claims, &keys.encoding).unwrap()
    }

    #[test]
    fn a_token_of_the_previous_key_verifies_until_that_key_retires() {
        let access = access();
        let old_token = keys().issue(access).unwrap().token;

        let overlap = rotated(Utc::now() + chrono::Duration::minutes(1));
        let retired = rotated(Utc::now() - chrono::Duration::seconds(1));

        assert_eq!(overlap.verify(&old_token).unwrap(), access);
        assert!(matches!(
            retired.verify(&old_token),
            Err(TokenError::KeyRetired)
        ));
        assert!(matches!(
            keys_from(NEXT_SECRET).verify(&old_token),
            Err(TokenError::UnknownKey)
        ));
    }

    #[test]
    fn new_tokens_are_always_signed_with_the_current_key() {
        let overlap = rotated(Utc::now() + chrono::Duration::minutes(1));
        let token = overlap.issue(access()).unwrap().token;

        let header = jsonwebtoken::decode_header(&token).unwrap();

        assert_eq!(header.kid.as_deref(), Some(keys_from(NEXT_SECRET).kid()));
        assert_ne!(header.kid.as_deref(), Some(keys().kid()));
        assert!(keys_from(NEXT_SECRET).verify(&token).is_ok());
    }

    #[test]
    fn a_token_whose_previous_kid_is_signed_with_the_current_key_is_refused() {
        let overlap = rotated(Utc::now() + chrono::Duration::minutes(1));
        let previous_kid = keys().kid().to_owned();

        let token = forge_with_kid(&overlap, &previous_kid, |_| {});

        assert!(overlap.verify(&token).is_err());
    }

    #[test]
    fn unknown_and_hostile_key_ids_are_refused_as_unknown() {
        let keys = rotated(Utc::now() + chrono::Duration::minutes(1));
        let long = "k".repeat(1000);
        for kid in [
            "",
            "../../dev/null",
            "' OR 1=1 --",
            "hs256-0000000000000000",
            &long,
        ] {
            let token = forge_with_kid(&keys, kid, |_| {});
            assert!(
                matches!(keys.verify(&token), Err(TokenError::UnknownKey)),
                "{kid:?}"
            );
        }
    }

    #[test]
    fn a_token_living_longer_than_the_configured_lifetime_is_refused() {
        let keys = keys();
        assert!(keys.verify(&forge(&keys, |_| {})).is_ok());
        let forever = forge(&keys, |c| c.exp = i64::MAX / 2);
        assert!(matches!(
            keys.verify(&forever),
            Err(TokenError::LifetimeTooLong)
        ));
        let negative_iat = forge(&keys, |c| c.iat = -1);
        assert!(keys.verify(&negative_iat).is_err());
    }

    #[test]
    fn a_subject_must_be_a_canonical_uuid() {
        let keys = keys();
        let id = Uuid::now_v7();
        for sub in [
            id.simple().to_string(),
            id.to_string().to_uppercase(),
            id.urn().to_string(),
        ] {
            let token = forge(&keys, |c| c.sub = sub.clone());
            assert!(
                matches!(keys.verify(&token), Err(TokenError::BadSubject)),
                "{sub}"
            );
            let token = forge(&keys, |c| c.sid = sub.clone());
            assert!(
                matches!(keys.verify(&token), Err(TokenError::BadSubject)),
                "sid {sub}"
            );
        }
    }

    #[test]
    fn empty_and_oversized_tokens_are_malformed() {
        assert!(matches!(keys().verify(""), Err(TokenError::Malformed)));
        assert!(matches!(
            keys().verify(&"a".repeat(5000)),
            Err(TokenError::Malformed)
        ));
    }
}
