//! Unit tests of access-token issue and verification, and of key rotation.

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
