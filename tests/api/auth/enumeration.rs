//! Login timing does not tell which emails have accounts: an unknown email costs one bcrypt
//! verification (against a dummy hash), like a known email with a wrong password.

use std::time::{Duration, Instant};

use serde_json::json;

use crate::helpers::{TestApp, TestUser, error_with_code};

const LOGIN: &str = "mutation($input: LoginInput!) { login(input: $input) { accessToken } }";

/// Rounds of one unknown-email and one wrong-password login each (in alternating order, so
/// neither kind always follows the other).
const ROUNDS: usize = 31;

/// Measurements made before the test gives up. Other processes on a shared machine can
/// slow one kind of login in bursts; without the dummy verification every measurement would
/// be off by an order of magnitude, so a retry only absorbs that noise.
const ATTEMPTS: usize = 3;

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

/// Median latencies of interleaved unknown-email and wrong-password logins.
async fn medians(app: &TestApp, user: &TestUser, attempt: usize) -> (Duration, Duration) {
    let (mut unknown, mut wrong) = (Vec::new(), Vec::new());
    for round in 0..ROUNDS {
        let stranger = format!("nobody-{attempt}-{round}@example.com");
        if round % 2 == 0 {
            unknown.push(timed_login(app, &stranger).await);
            wrong.push(timed_login(app, &user.email).await);
        } else {
            wrong.push(timed_login(app, &user.email).await);
            unknown.push(timed_login(app, &stranger).await);
        }
    }
    (median(unknown), median(wrong))
}

#[tokio::test]
async fn unknown_emails_and_wrong_passwords_take_about_the_same_time() {
    let app = TestApp::spawn_with(|config| {
        config.bcrypt_cost = 10;
        config.login_lockout_threshold = 1000;
    })
    .await;
    let user = app.signed_up_user().await;
    timed_login(&app, "warm-up@example.com").await;
    let mut measured = Vec::new();

    for attempt in 0..ATTEMPTS {
        let (unknown, wrong) = medians(&app, &user, attempt).await;
        let ratio = unknown.max(wrong).as_secs_f64() / unknown.min(wrong).as_secs_f64();
        if ratio <= 1.2 {
            return;
        }
        measured.push(format!("{unknown:?} vs {wrong:?} ({ratio:.2}×)"));
    }

    panic!("median unknown email vs wrong password, each attempt: {measured:?}");
}
