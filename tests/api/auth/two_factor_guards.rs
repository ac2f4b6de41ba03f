//! What guards two-factor sign-in: a code is accepted once (also by two completions racing,
//! on two instances), wrong codes lock the account, turning it off and changing the password
//! need a code, the secret is sealed in the database, and every step is audited.

use sea_orm::{ConnectionTrait, Statement};
use serde_json::{Value, json};

use super::two_factor::{COMPLETE, Enrolled, LOGIN, challenge, code, complete, enrolled};
use crate::helpers::{TestApp, error_with_code};

fn wins(bodies: &[Value]) -> usize {
    bodies
        .iter()
        .filter(|b| b["data"]["completeTwoFactorLogin"]["accessToken"].is_string())
        .count()
}

#[tokio::test]
async fn a_code_is_accepted_once() {
    let app = TestApp::spawn().await;
    let Enrolled { user, secret, .. } = enrolled(&app).await;
    let now = code(&secret, 0);
    let first = complete(&app, &challenge(&app, &user).await, json!({ "code": now })).await;
    assert!(
        first["data"]["completeTwoFactorLogin"].is_object(),
        "{first}"
    );

    let replay = complete(&app, &challenge(&app, &user).await, json!({ "code": now })).await;
    error_with_code(&replay, "INVALID_TWO_FACTOR_CODE");
    let earlier = code(&secret, -1);
    let older = complete(
        &app,
        &challenge(&app, &user).await,
        json!({ "code": earlier }),
    )
    .await;
    error_with_code(&older, "INVALID_TWO_FACTOR_CODE");
}

#[tokio::test]
async fn two_completions_with_one_code_on_two_instances_exactly_one_wins() {
    let first = TestApp::spawn_shared_with(|_| {}).await;
    let second = first.another_instance_with(|_| {}).await;
    let Enrolled {
        user,
        secret,
        recovery_codes,
    } = enrolled(&first).await;
    for round in 0..2 {
        let code = code(&secret, round);
        let challenges = [
            challenge(&first, &user).await,
            challenge(&second, &user).await,
        ];
        let mut racing = tokio::task::JoinSet::new();
        for (i, challenge) in challenges.into_iter().enumerate() {
            let app = if i == 0 { &first } else { &second };
            let input = json!({ "challenge": challenge, "code": code });
            let request = app.client.post(app.url("/graphql")).json(&json!({
                "query": COMPLETE, "variables": { "input": input }
            }));
            racing.spawn(async move { request.send().await.unwrap().json::<Value>().await });
        }
        let bodies: Vec<Value> = racing
            .join_all()
            .await
            .into_iter()
            .map(Result::unwrap)
            .collect();
        assert_eq!(wins(&bodies), 1, "round {round}: {bodies:?}");
    }
    // One challenge answered twice at once, even with two different good answers: one
    // session.
    let challenge = challenge(&first, &user).await;
    let a = json!({ "challenge": challenge, "recoveryCode": recovery_codes[0] });
    let b = json!({ "challenge": challenge, "recoveryCode": recovery_codes[1] });
    let (a, b) = tokio::join!(
        first.gql(None, COMPLETE, json!({ "input": a })),
        second.gql(None, COMPLETE, json!({ "input": b })),
    );
    assert_eq!(wins(&[a.clone(), b.clone()]), 1, "{a} {b}");
}

#[tokio::test]
async fn wrong_codes_count_toward_the_account_lock() {
    let app = TestApp::spawn_shared_with(|config| {
        config.login_lockout_threshold = 3;
        config.login_lockout_base_seconds = 600;
    })
    .await;
    let Enrolled { user, secret, .. } = enrolled(&app).await;
    let challenge = challenge(&app, &user).await;
    let right = code(&secret, 0);
    let wrong = if right == "000000" {
        "111111"
    } else {
        "000000"
    };
    for _ in 0..3 {
        let body = complete(&app, &challenge, json!({ "code": wrong })).await;
        error_with_code(&body, "INVALID_TWO_FACTOR_CODE");
    }

    let locked = complete(&app, &challenge, json!({ "code": right })).await;
    error_with_code(&locked, "INVALID_TWO_FACTOR_CODE");
    let input = json!({ "input": { "email": user.email, "password": user.password } });
    error_with_code(&app.gql(None, LOGIN, input).await, "UNAUTHENTICATED");
    let reasons = app.audit_column_of(&user.id, "TWO_FACTOR_FAILED").await;
    assert_eq!(
        reasons,
        ["WRONG_CODE", "WRONG_CODE", "WRONG_CODE_LOCKED", "LOCKED"]
    );
}

#[tokio::test]
async fn a_challenge_takes_a_bounded_number_of_answers() {
    let app = TestApp::spawn().await;
    let Enrolled { user, secret, .. } = enrolled(&app).await;
    let challenge = challenge(&app, &user).await;
    for _ in 0..5 {
        let body = complete(
            &app,
            &challenge,
            json!({ "recoveryCode": "AAAA-AAAA-AAAA-AAAA" }),
        )
        .await;
        error_with_code(&body, "INVALID_TWO_FACTOR_CODE");
    }
    let spent = complete(&app, &challenge, json!({ "code": code(&secret, 0) })).await;
    error_with_code(&spent, "UNAUTHENTICATED");
}

#[tokio::test]
async fn turning_two_factor_off_and_changing_the_password_need_a_code() {
    let app = TestApp::spawn().await;
    let Enrolled {
        user,
        secret,
        recovery_codes,
    } = enrolled(&app).await;
    let change =
        "mutation($input: ChangePasswordInput!) { changePassword(input: $input) { accessToken } }";
    let new_password = "a brand new passphrase here";
    let without =
        json!({ "input": { "currentPassword": user.password, "newPassword": new_password } });
    error_with_code(
        &app.gql(Some(&user.token), change, without).await,
        "INVALID_TWO_FACTOR_CODE",
    );
    let with = json!({ "input": { "currentPassword": user.password, "newPassword": new_password,
        "twoFactorCode": code(&secret, 0) } });
    let changed = app.ok(&user.token, change, with).await;
    let token = changed["changePassword"]["accessToken"]
        .as_str()
        .unwrap()
        .to_owned();

    let disable = "mutation($input: DisableTwoFactorInput!) { disableTwoFactor(input: $input) }";
    let no_code = json!({ "input": { "password": new_password } });
    error_with_code(
        &app.gql(Some(&token), disable, no_code).await,
        "BAD_USER_INPUT",
    );
    let wrong =
        json!({ "input": { "password": new_password, "recoveryCode": "AAAA-AAAA-AAAA-AAAA" } });
    error_with_code(
        &app.gql(Some(&token), disable, wrong).await,
        "INVALID_TWO_FACTOR_CODE",
    );
    let right = json!({ "input": { "password": new_password, "recoveryCode": recovery_codes[0] } });
    assert_eq!(
        app.ok(&token, disable, right).await["disableTwoFactor"],
        true
    );

    let input = json!({ "input": { "email": user.email, "password": new_password } });
    let plain = app.gql(None, LOGIN, input).await;
    assert!(plain["data"]["login"]["accessToken"].is_string(), "{plain}");
}

#[tokio::test]
async fn regenerating_recovery_codes_needs_a_fresh_code_and_retires_the_old_ones() {
    let app = TestApp::spawn().await;
    let Enrolled {
        user,
        secret,
        recovery_codes,
    } = enrolled(&app).await;
    let regenerate = "mutation($input: TwoFactorCodeInput!) { regenerateRecoveryCodes(input: $input) { codes } }";
    let stale = json!({ "input": { "code": code(&secret, -1) } });
    error_with_code(
        &app.gql(Some(&user.token), regenerate, stale).await,
        "INVALID_TWO_FACTOR_CODE",
    );
    let fresh = json!({ "input": { "code": code(&secret, 0) } });
    let codes =
        app.ok(&user.token, regenerate, fresh).await["regenerateRecoveryCodes"]["codes"].clone();
    assert_eq!(codes.as_array().unwrap().len(), 10);

    let old = json!({ "recoveryCode": recovery_codes[0] });
    error_with_code(
        &complete(&app, &challenge(&app, &user).await, old).await,
        "INVALID_TWO_FACTOR_CODE",
    );
    let new = json!({ "recoveryCode": codes[0] });
    let done = complete(&app, &challenge(&app, &user).await, new).await;
    assert!(done["data"]["completeTwoFactorLogin"].is_object(), "{done}");
}

#[tokio::test]
async fn the_secret_is_sealed_in_the_database_and_every_step_is_audited() {
    let app = TestApp::spawn_shared_with(|_| {}).await;
    let Enrolled {
        user,
        secret,
        recovery_codes,
    } = enrolled(&app).await;
    let done = complete(
        &app,
        &challenge(&app, &user).await,
        json!({ "code": code(&secret, 0) }),
    )
    .await;
    assert!(done["data"]["completeTwoFactorLogin"].is_object(), "{done}");
    let recovery = json!({ "recoveryCode": recovery_codes[1] });
    complete(&app, &challenge(&app, &user).await, recovery).await;
    complete(
        &app,
        &challenge(&app, &user).await,
        json!({ "code": "12345" }),
    )
    .await;

    let db = app.database().await;
    let backend = db.get_database_backend();
    let rows = db
        .query_all_raw(Statement::from_string(
            backend,
            "SELECT secret_sealed FROM two_factor",
        ))
        .await
        .unwrap();
    let sealed: String = rows[0].try_get("", "secret_sealed").unwrap();
    assert!(
        sealed.starts_with("v1.") && !sealed.contains(&secret),
        "{sealed}"
    );
    let bytes = totp_rs::Secret::try_from_base32(&secret).unwrap().to_vec();
    let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    assert!(!sealed.to_lowercase().contains(&hex));
    let stored = db
        .query_all_raw(Statement::from_string(
            backend,
            "SELECT code_hash FROM recovery_codes",
        ))
        .await
        .unwrap();
    for row in stored {
        let hash: String = row.try_get("", "code_hash").unwrap();
        assert!(
            recovery_codes
                .iter()
                .all(|c| !hash.contains(&c.replace('-', "")))
        );
    }

    let actions = app.audit_actions(&user.id).await;
    for action in [
        "TWO_FACTOR_ENROLMENT_STARTED",
        "TWO_FACTOR_ENABLED",
        "LOGIN_SUCCEEDED",
        "RECOVERY_CODE_USED",
        "TWO_FACTOR_FAILED",
    ] {
        assert!(
            actions.iter().any(|a| a == action),
            "{action} missing: {actions:?}"
        );
    }
    let methods = app.audit_column_of(&user.id, "LOGIN_SUCCEEDED").await;
    assert!(
        !methods.is_empty() && methods.iter().all(|m| m == "PASSWORD"),
        "{methods:?}"
    );
}
