//! Signing-key rotation: an instance with a new `JWT_SECRET` and the old one as
//! `JWT_PREVIOUS_SECRET` keeps honouring the old key's tokens (matched by `kid`) until
//! `JWT_PREVIOUS_SECRET_VALID_UNTIL`, and signs only with the new key. Tokens naming an
//! unknown or hostile `kid` are a plain 401.

use std::process::{Command, Stdio};
use std::time::Duration;

use chrono::Utc;
use jsonwebtoken::Header;
use serde_json::json;

use crate::helpers::{TestApp, claims_of, error_with_code, fresh_secret, sign_with};

/// An instance on `old`'s database that signs with a new secret and still honours `old`'s
/// until `valid_until`.
async fn rotated(old: &TestApp, valid_until: Option<chrono::DateTime<Utc>>) -> TestApp {
    let previous = old.jwt_secret.clone();
    old.another_instance_with(|config| {
        config.jwt_secret = Some(fresh_secret().parse().unwrap());
        if let Some(until) = valid_until {
            config.jwt_previous_secret = Some(previous.parse().unwrap());
            config.jwt_previous_secret_valid_until = Some(until);
        }
    })
    .await
}

fn kid(token: &str) -> String {
    jsonwebtoken::decode_header(token)
        .unwrap()
        .kid
        .expect("a kid")
}

#[tokio::test]
async fn old_tokens_work_during_the_overlap_and_new_tokens_are_signed_with_the_new_key() {
    let old = TestApp::spawn_shared_with(|_| {}).await;
    let user = old.signed_up_user().await;
    let new = rotated(&old, Some(Utc::now() + chrono::Duration::hours(1))).await;

    let old_token_on_new = new.me_status(&user.token).await;
    let new_tokens = new.login_for_tokens(&user).await;

    assert_eq!(old_token_on_new, 200, "the previous key still verifies");
    assert_ne!(kid(&new_tokens.access), kid(&user.token));
    assert_eq!(new.me_status(&new_tokens.access).await, 200);
    assert_eq!(
        old.me_status(&new_tokens.access).await,
        401,
        "signed with the new key, which the old instance does not have"
    );
}

#[tokio::test]
async fn old_tokens_are_refused_once_the_previous_key_retires_and_a_refresh_gets_a_new_one() {
    let old = TestApp::spawn_shared_with(|_| {}).await;
    let user = old.signed_up_user().await;
    let tokens = old.login_for_tokens(&user).await;
    let new = rotated(&old, Some(Utc::now() + chrono::Duration::seconds(2))).await;
    assert_eq!(
        new.me_status(&tokens.access).await,
        200,
        "during the overlap"
    );

    tokio::time::sleep(Duration::from_millis(2500)).await;

    assert_eq!(
        new.me_status(&tokens.access).await,
        401,
        "after the overlap"
    );
    let refreshed = new.refreshed(&tokens.refresh).await;
    assert_eq!(new.me_status(&refreshed.access).await, 200);
    assert_ne!(kid(&refreshed.access), kid(&tokens.access));
}

#[tokio::test]
async fn without_a_previous_key_the_old_keys_tokens_are_refused() {
    let old = TestApp::spawn_shared_with(|_| {}).await;
    let user = old.signed_up_user().await;

    let new = rotated(&old, None).await;

    assert_eq!(new.me_status(&user.token).await, 401);
}

/// The user's real token with its header's `kid` replaced, signed with the right secret.
fn with_kid(app: &TestApp, token: &str, kid: &str) -> String {
    let real = jsonwebtoken::decode_header(token).unwrap();
    let mut header = Header::new(real.alg);
    header.typ = real.typ;
    header.kid = Some(kid.to_owned());
    sign_with(app.jwt_secret.as_bytes(), &header, &claims_of(token))
}

#[tokio::test]
async fn unknown_and_hostile_key_ids_are_a_plain_401() {
    let app = TestApp::spawn_with(|config| {
        config.jwt_previous_secret = Some(fresh_secret().parse().unwrap());
        config.jwt_previous_secret_valid_until = Some(Utc::now() + chrono::Duration::hours(1));
    })
    .await;
    let user = app.signed_up_user().await;
    let same_kid = with_kid(&app, &user.token, &kid(&user.token));
    assert_eq!(app.me_status(&same_kid).await, 200, "the positive control");
    let long = "k".repeat(2000);
    let kids = [
        "../../dev/null",
        "' OR 1=1 --",
        "",
        "hs256-0000000000000000",
        &long,
    ];
    for hostile in kids {
        let token = with_kid(&app, &user.token, hostile);

        let (status, body) = app
            .post(Some(&token), json!({ "query": "{ me { id } }" }))
            .await;

        assert_eq!(status, 401, "kid {hostile:?}: {body}");
        error_with_code(&body, "UNAUTHENTICATED");
    }
}

/// Run the `tally` binary with only `env`; it must refuse to start. Its stderr.
fn refused_start(env: &[(&str, &str)]) -> String {
    let mut command = Command::new(env!("CARGO_BIN_EXE_tally"));
    command
        .env_clear()
        .env("TALLY_ADDR", "127.0.0.1:0")
        .env("DATABASE_URL", "sqlite::memory:")
        .env("JWT_SECRET", "q8Vt3nZr1Lx0bKc7WmYp2Hs9JdFg4Ue6")
        .stdin(Stdio::null());
    for (key, value) in env {
        command.env(key, value);
    }
    let output = command.output().expect("tally runs");
    assert!(!output.status.success(), "must not start with {env:?}");
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn a_previous_secret_needs_its_end_instant_and_the_strength_of_a_current_one() {
    let strong = "Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5MGFiY2RlZmdoaWprbG1u";
    let until = ("JWT_PREVIOUS_SECRET_VALID_UNTIL", "2030-01-01T00:00:00Z");

    let without_end = refused_start(&[("JWT_PREVIOUS_SECRET", strong)]);
    let weak = refused_start(&[("JWT_PREVIOUS_SECRET", "too-short-previous"), until]);
    let not_an_instant = refused_start(&[
        ("JWT_PREVIOUS_SECRET", strong),
        ("JWT_PREVIOUS_SECRET_VALID_UNTIL", "next tuesday"),
    ]);

    assert!(
        without_end.contains("JWT_PREVIOUS_SECRET_VALID_UNTIL"),
        "{without_end}"
    );
    assert!(weak.contains("JWT_PREVIOUS_SECRET is too weak"), "{weak}");
    assert!(
        !weak.contains("too-short-previous"),
        "never printed: {weak}"
    );
    assert!(not_an_instant.contains("RFC 3339"), "{not_an_instant}");
}
