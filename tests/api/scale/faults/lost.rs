//! The database lost under load: requests fail fast with `UNAVAILABLE` (HTTP 503) within
//! `DATABASE_ACQUIRE_TIMEOUT_SECONDS` instead of hanging, `/readyz` answers 503, and once the
//! database is back the same process serves again.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

use super::proxy::{Proxy, postgres_addr, via};
use crate::helpers::TestApp;
use crate::scale::on_postgres;

/// One request's outcome: when it was sent, how long it took, its status and error code.
#[derive(Debug, Clone)]
struct Outcome {
    sent: Instant,
    took: Duration,
    status: u16,
    code: Option<String>,
}

#[tokio::test]
async fn a_lost_database_gives_fast_unavailable_errors_and_the_process_recovers() {
    if !on_postgres("database lost") {
        return;
    }
    let base = TestApp::spawn_shared_with(|_| {}).await;
    let user = base.signed_up_user().await;
    let proxy = Proxy::start(postgres_addr()).await;
    let url = via(base.database_url(), proxy.addr);
    let app = base
        .another_instance_with(move |config| {
            config.database_url = Some(url);
            config.database_pooler = tally::config::DatabasePooler::None;
            config.database_acquire_timeout_seconds = 1;
        })
        .await;

    // Load: four clients asking for balances in a loop, at most 300 requests each.
    let stop = Arc::new(AtomicBool::new(false));
    let mut clients = tokio::task::JoinSet::new();
    for _ in 0..4 {
        let (stop, token) = (stop.clone(), user.token.clone());
        let request = app.client.post(app.url("/graphql"));
        clients.spawn(async move {
            let mut outcomes = Vec::new();
            for _ in 0..300 {
                if stop.load(Ordering::Relaxed) {
                    break;
                }
                let sent = Instant::now();
                let response = request
                    .try_clone()
                    .unwrap()
                    .bearer_auth(&token)
                    .json(&json!({ "query": "{ accounts { balance } }" }))
                    .send()
                    .await
                    .unwrap();
                let status = response.status().as_u16();
                let body: Value = response.json().await.unwrap();
                let code = body["errors"][0]["extensions"]["code"]
                    .as_str()
                    .map(str::to_owned);
                outcomes.push(Outcome {
                    sent,
                    took: sent.elapsed(),
                    status,
                    code,
                });
                tokio::time::sleep(Duration::from_millis(20)).await;
            }
            outcomes
        });
    }
    tokio::time::sleep(Duration::from_millis(500)).await;
    let cut_at = Instant::now();
    proxy.cut().await;
    tokio::time::sleep(Duration::from_secs(3)).await;
    let readyz = app.client.get(app.url("/readyz")).send().await.unwrap();
    assert_eq!(readyz.status(), 503, "not ready while the database is gone");
    proxy.restore().await;
    let restored_at = Instant::now();

    let deadline = restored_at + Duration::from_secs(10);
    loop {
        let body = app
            .gql(Some(&user.token), "{ accounts { balance } }", json!({}))
            .await;
        if body.get("errors").is_none() {
            break;
        }
        assert!(Instant::now() < deadline, "no recovery: {body}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let readyz = app.client.get(app.url("/readyz")).send().await.unwrap();
    assert_eq!(readyz.status(), 200, "ready again, same process");
    stop.store(true, Ordering::Relaxed);

    let outcomes: Vec<Outcome> = clients.join_all().await.into_iter().flatten().collect();
    let during: Vec<&Outcome> = outcomes
        .iter()
        .filter(|o| o.sent > cut_at + Duration::from_millis(100) && o.sent + o.took < restored_at)
        .collect();
    assert!(
        during.len() >= 8,
        "load went on during the outage: {}",
        during.len()
    );
    for outcome in &during {
        assert_eq!(outcome.status, 503, "{outcome:?}");
        assert_eq!(outcome.code.as_deref(), Some("UNAVAILABLE"), "{outcome:?}");
    }
    for outcome in &outcomes {
        assert!(
            outcome.took < Duration::from_millis(2500),
            "a request hung: {outcome:?}"
        );
        assert!(
            outcome.status == 200 || outcome.code.as_deref() == Some("UNAVAILABLE"),
            "only UNAVAILABLE, never an internal error: {outcome:?}"
        );
    }
}
