//! Two-factor sign-in (TOTP): enrolment and confirmation, the login challenge answered with a
//! code or a recovery code, what a challenge is not, and what admins and the audit log see.
//! Codes are computed here with `totp-rs` from the secret the API showed.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde_json::{Value, json};
use totp_rs::{Builder, Secret};

use crate::admin::roles::admin;
use crate::helpers::{TestApp, TestUser, error_with_code};

pub const LOGIN: &str = "mutation($input: LoginInput!) { login(input: $input) { accessToken } }";
pub const COMPLETE: &str = "mutation($input: CompleteTwoFactorLoginInput!) {
    completeTwoFactorLogin(input: $input) { accessToken user { id twoFactorEnabled } } }";

/// A user with two-factor sign-in on: the base32 secret and the recovery codes.
pub struct Enrolled {
    pub user: TestUser,
    pub secret: String,
    pub recovery_codes: Vec<String>,
}

/// Unix seconds now, waiting out the last second of a 30-second step so that a code the
/// test computes is still of the server's step when it arrives.
fn steady_now() -> u64 {
    loop {
        let now = SystemTime::now().duration_since(UNIX_EPOCH).unwrap();
        if now.as_secs() % 30 < 28 {
            return now.as_secs();
        }
        std::thread::sleep(Duration::from_millis(500));
    }
}

/// The code of `secret` for the step `offset` steps from now (-1, 0, 1 are accepted).
pub fn code(secret: &str, offset: i64) -> String {
    let secret = Secret::try_from_base32(secret).unwrap();
    let totp = Builder::new().with_secret(secret).build().unwrap();
    let time = steady_now().checked_add_signed(offset * 30).unwrap();
    totp.generate(time).to_string()
}

/// Sign up and turn two-factor sign-in on (confirmed with the previous step's code, so the
/// current and next steps are left for the test).
pub async fn enrolled(app: &TestApp) -> Enrolled {
    let user = app.signed_up_user().await;
    let start = "mutation($input: StartTwoFactorEnrolmentInput!) {
        startTwoFactorEnrolment(input: $input) { otpauthUri secret } }";
    let input = json!({ "input": { "password": user.password } });
    let started = app.ok(&user.token, start, input).await["startTwoFactorEnrolment"].clone();
    let secret = started["secret"].as_str().unwrap().to_owned();
    let uri = started["otpauthUri"].as_str().unwrap();
    assert!(uri.starts_with("otpauth://totp/Tally:"), "{uri}");
    assert!(uri.contains(&format!("secret={secret}")), "{uri}");
    let confirm = "mutation($input: TwoFactorCodeInput!) {
        confirmTwoFactorEnrolment(input: $input) { codes } }";
    let input = json!({ "input": { "code": code(&secret, -1) } });
    let confirmed = app.ok(&user.token, confirm, input).await;
    let recovery_codes = confirmed["confirmTwoFactorEnrolment"]["codes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c.as_str().unwrap().to_owned())
        .collect();
    Enrolled {
        user,
        secret,
        recovery_codes,
    }
}

/// Log in with the right password: the challenge of the `TWO_FACTOR_REQUIRED` answer.
pub async fn challenge(app: &TestApp, user: &TestUser) -> String {
    let input = json!({ "input": { "email": user.email, "password": user.password } });
    let body = app.gql(None, LOGIN, input).await;
    assert!(body["data"].is_null(), "{body}");
    let error = error_with_code(&body, "TWO_FACTOR_REQUIRED");
    assert!(error["extensions"]["expiresAt"].is_string(), "{body}");
    error["extensions"]["challenge"]
        .as_str()
        .unwrap()
        .to_owned()
}

/// Answer `challenge` with `answer` (`{"code": …}` or `{"recoveryCode": …}`).
pub async fn complete(app: &TestApp, challenge: &str, answer: Value) -> Value {
    let mut input = json!({ "challenge": challenge });
    input
        .as_object_mut()
        .unwrap()
        .extend(answer.as_object().unwrap().clone());
    app.gql(None, COMPLETE, json!({ "input": input })).await
}

#[tokio::test]
async fn login_with_two_factor_ends_in_a_challenge_answered_by_a_code() {
    let app = TestApp::spawn().await;
    let Enrolled { user, secret, .. } = enrolled(&app).await;
    let me = "{ me { twoFactorEnabled recoveryCodesRemaining } }";
    let status = app.ok(&user.token, me, json!({})).await;
    assert_eq!(
        status["me"],
        json!({ "twoFactorEnabled": true, "recoveryCodesRemaining": 10 })
    );

    let challenge = challenge(&app, &user).await;
    let done = complete(&app, &challenge, json!({ "code": code(&secret, 0) })).await;

    let payload = &done["data"]["completeTwoFactorLogin"];
    assert_eq!(payload["user"]["id"], user.id.as_str(), "{done}");
    assert_eq!(payload["user"]["twoFactorEnabled"], true);
    let token = payload["accessToken"].as_str().unwrap();
    assert_eq!(
        app.ok(token, "{ me { id } }", json!({})).await["me"]["id"],
        user.id.as_str()
    );
}

#[tokio::test]
async fn a_recovery_code_works_once_and_a_challenge_once() {
    let app = TestApp::spawn().await;
    let Enrolled {
        user,
        recovery_codes,
        secret,
    } = enrolled(&app).await;
    let recovery = recovery_codes[3].to_lowercase().replace('-', " ");

    let first = challenge(&app, &user).await;
    let done = complete(&app, &first, json!({ "recoveryCode": recovery })).await;
    assert!(
        done["data"]["completeTwoFactorLogin"]["accessToken"].is_string(),
        "{done}"
    );
    let again = complete(&app, &first, json!({ "code": code(&secret, 0) })).await;
    error_with_code(&again, "UNAUTHENTICATED");

    let second = challenge(&app, &user).await;
    let reused = complete(&app, &second, json!({ "recoveryCode": recovery_codes[3] })).await;
    error_with_code(&reused, "INVALID_TWO_FACTOR_CODE");
    let token = &done["data"]["completeTwoFactorLogin"]["accessToken"];
    let me = "{ me { recoveryCodesRemaining } }";
    let left = app.ok(token.as_str().unwrap(), me, json!({})).await;
    assert_eq!(left["me"]["recoveryCodesRemaining"], 9);
}

#[tokio::test]
async fn a_challenge_is_not_an_access_token_and_unknown_ones_are_refused() {
    let app = TestApp::spawn().await;
    let Enrolled { user, secret, .. } = enrolled(&app).await;
    let challenge = challenge(&app, &user).await;

    let (status, body) = app
        .post(Some(&challenge), json!({ "query": "{ me { id } }" }))
        .await;
    assert_eq!(status, 401, "{body}");
    let made_up = complete(
        &app,
        "bm90LWEtY2hhbGxlbmdl",
        json!({ "code": code(&secret, 0) }),
    )
    .await;
    error_with_code(&made_up, "UNAUTHENTICATED");
    let both = json!({ "code": code(&secret, 0), "recoveryCode": "AAAA-BBBB-CCCC-DDDD" });
    error_with_code(&complete(&app, &challenge, both).await, "BAD_USER_INPUT");
}

#[tokio::test]
async fn an_expired_challenge_is_refused() {
    let app = TestApp::spawn_shared_with(|_| {}).await;
    let Enrolled { user, secret, .. } = enrolled(&app).await;
    let challenge = challenge(&app, &user).await;
    let db = app.database().await;
    use sea_orm::ConnectionTrait;
    let past = chrono::Utc::now() - chrono::Duration::seconds(1);
    let age = sea_orm::sea_query::Query::update()
        .table(sea_orm::sea_query::Alias::new("two_factor_challenges"))
        .value(sea_orm::sea_query::Alias::new("expires_at"), past)
        .to_owned();
    db.execute(&age).await.unwrap();

    let late = complete(&app, &challenge, json!({ "code": code(&secret, 0) })).await;
    error_with_code(&late, "UNAUTHENTICATED");
}

#[tokio::test]
async fn an_admin_sees_whether_a_user_has_two_factor_but_never_the_secret() {
    let app = TestApp::spawn().await;
    let admin = admin(&app).await;
    let Enrolled { user, secret, .. } = enrolled(&app).await;
    let plain = app.signed_up_user().await;
    let query = "query($id: UUID!) { user(id: $id) { twoFactorEnabled } }";

    let on = app.ok(&admin.token, query, json!({ "id": user.id })).await;
    let off = app.ok(&admin.token, query, json!({ "id": plain.id })).await;
    assert_eq!(on["user"]["twoFactorEnabled"], true);
    assert_eq!(off["user"]["twoFactorEnabled"], false);
    let list = app
        .ok(
            &admin.token,
            "{ users { edges { node { twoFactorEnabled } } } }",
            json!({}),
        )
        .await;
    assert!(!list.to_string().contains(&secret));
    let probe = "query($id: UUID!) { user(id: $id) { secret } }";
    let refused = app
        .gql(Some(&admin.token), probe, json!({ "id": user.id }))
        .await;
    error_with_code(&refused, "GRAPHQL_VALIDATION_FAILED");
    let not_admin = app
        .gql(Some(&plain.token), query, json!({ "id": user.id }))
        .await;
    error_with_code(&not_admin, "FORBIDDEN");
}

#[tokio::test]
async fn answers_share_the_login_rate_limit() {
    let app = TestApp::spawn_with(|config| config.rate_limit_login_per_minute = 4).await;
    // Starting and confirming the enrolment take two units, the login a third.
    let Enrolled { user, secret, .. } = enrolled(&app).await;
    let challenge = challenge(&app, &user).await;

    let wrong = complete(
        &app,
        &challenge,
        json!({ "recoveryCode": "AAAA-AAAA-AAAA-AAAA" }),
    )
    .await;
    error_with_code(&wrong, "INVALID_TWO_FACTOR_CODE");
    let input = json!({ "input": { "challenge": challenge, "code": code(&secret, 0) } });
    let (status, limited) = app
        .post(None, json!({ "query": COMPLETE, "variables": input }))
        .await;
    assert_eq!(status, 429, "{limited}");
    error_with_code(&limited, "RATE_LIMITED");
}
