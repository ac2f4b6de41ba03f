//! The password policy at sign-up (NIST 800-63B, OWASP): 8 to 256 characters, no
//! composition rules, no common or easily guessed password, not the email or username —
//! each refusal saying why, on `input.password`. (`changePassword` applies the same policy
//! on `input.newPassword`; see `password_change`.)

use serde_json::{Value, json};

use crate::helpers::{TestApp, error_with_code};

const SIGNUP: &str = "mutation($input: SignupInput!) { signup(input: $input) { accessToken } }";

async fn signup(app: &TestApp, username: &str, email: &str, password: &str) -> Value {
    let input = json!({ "username": username, "email": email, "password": password });
    app.gql(None, SIGNUP, json!({ "input": input })).await
}

/// The message of a refusal on `input.password`.
fn refusal(body: &Value) -> String {
    let error = error_with_code(body, "BAD_USER_INPUT");
    assert_eq!(error["extensions"]["field"], "input.password", "{body}");
    error["message"].as_str().expect("a message").to_owned()
}

#[tokio::test]
async fn common_and_breached_passwords_are_refused_as_common() {
    let app = TestApp::spawn().await;
    for common in [
        "password",
        "12345678",
        "iloveyou",
        "qwertyuiop",
        "Password123!",
    ] {
        let body = signup(&app, "ada", "ada@example.com", common).await;

        let message = refusal(&body);
        assert!(message.contains("too common"), "{common}: {message}");
    }
}

#[tokio::test]
async fn easily_guessed_patterns_are_refused_with_the_reason() {
    let app = TestApp::spawn().await;
    let cases = [
        ("aaaaaaaaaaaa", "repeats"),
        ("abcdefghijkl", "sequences"),
        ("zxcvbnm,./", "keys"),
    ];
    for (password, why) in cases {
        let body = signup(&app, "ada", "ada@example.com", password).await;

        let message = refusal(&body);
        assert!(
            message.contains("too easy to guess"),
            "{password}: {message}"
        );
        assert!(
            message.to_lowercase().contains(why),
            "{password}: {message}"
        );
    }
}

#[tokio::test]
async fn the_email_its_name_and_the_username_are_refused_in_any_case_and_spacing() {
    let app = TestApp::spawn().await;
    let cases = [
        (
            "  Grace.Hopper@Example.com ",
            "must not be your email address",
        ),
        ("GRACE.HOPPER", "before the @"),
        (" Amazing_Grace_1906 ", "must not be your username"),
    ];
    for (password, why) in cases {
        let body = signup(
            &app,
            "amazing_grace_1906",
            "grace.hopper@example.com",
            password,
        )
        .await;

        let message = refusal(&body);
        assert!(message.contains(why), "{password:?}: {message}");
    }
}

#[tokio::test]
async fn lengths_from_8_to_256_characters_are_allowed_and_others_refused() {
    let app = TestApp::spawn().await;
    let longest: String = "velvet thunder orchard "
        .repeat(12)
        .chars()
        .take(256)
        .collect();
    let too_long = format!("{longest}x");

    let short = signup(&app, "shorty", "short@example.com", "zq8-vk3").await;
    let long = signup(&app, "longest", "longest@example.com", &longest).await;
    let longer = signup(&app, "longer", "longer@example.com", &too_long).await;

    assert!(refusal(&short).contains("at least 8"));
    assert!(long["data"]["signup"]["accessToken"].is_string(), "{long}");
    assert!(refusal(&longer).contains("at most 256"));
}

#[tokio::test]
async fn passphrases_need_no_digits_symbols_or_capitals() {
    let app = TestApp::spawn().await;
    for (i, passphrase) in [
        "correct horse battery",
        "zebra kettle orbit",
        "quiet orange lantern",
    ]
    .into_iter()
    .enumerate()
    {
        let body = signup(
            &app,
            &format!("plain{i}"),
            &format!("plain{i}@example.com"),
            passphrase,
        )
        .await;

        assert!(body.get("errors").is_none(), "{passphrase}: {body}");
    }
}
