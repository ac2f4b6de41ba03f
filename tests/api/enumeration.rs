//! Login timing does not tell which emails have accounts: an unknown email costs one bcrypt
//! verification (against a dummy hash), like a known email with a wrong password.

use std::time::{Duration, Instant};

use serde_json::json;

use crate::helpers::{TestApp, error_with_code};

const LOGIN: &str = "mutation($input: LoginInput!) { login(input: $input) { accessToken } }";

/// Rounds of one unknown-email and one wrong-password login each.
const ROUNDS: usize = 21;

async fn timed_login(app: &TestApp, email: &str) -> Duration {
    let variables = json!({ "input": { "email": email, "password": "wrong-password-1" } });
    let started = Instant::now();
    let body = app.gql(None, LOGIN, variables).await;
    let elapsed = started.elapsed();
    error_with_code(&body, "UNAUTHENTICATED");
    elapsed
}

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

#[tokio::test]
async fn unknown_emails_and_wrong_passwords_take_about_the_same_time() {
    let app = TestApp::spawn_with(|config| {
        config.bcrypt_cost = 10;
        config.login_lockout_threshold = 1000;
    })
    .await;
    let user = app.signed_up_user().await;
    let (mut unknown, mut wrong) = (Vec::new(), Vec::new());
    timed_login(&app, "warm-up@example.com").await;

    for round in 0..ROUNDS {
        let stranger = format!("nobody-{round}@example.com");
        unknown.push(timed_login(&app, &stranger).await);
        wrong.push(timed_login(&app, &user.email).await);
    }

    let (unknown, wrong) = (median(unknown), median(wrong));
    let ratio = unknown.max(wrong).as_secs_f64() / unknown.min(wrong).as_secs_f64();
    assert!(
        ratio <= 1.2,
        "median unknown email {unknown:?} vs wrong password {wrong:?}: {ratio:.2}×"
    );
}
