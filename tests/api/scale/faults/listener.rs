//! The live-event listener loses its database connection: it reconnects and LISTENs again
//! by itself, so a subscriber on that instance hears later writes without reconnecting.

use std::time::{Duration, Instant};

use serde_json::json;

use super::proxy::{Proxy, postgres_addr, via};
use crate::helpers::TestApp;
use crate::live::client::{connected, next_message, send, subscribe};
use crate::scale::on_postgres;

#[tokio::test]
async fn the_listener_reconnects_after_the_database_comes_back() {
    if !on_postgres("listener reconnect") {
        return;
    }
    let writer = TestApp::spawn_shared_with(|_| {}).await;
    let proxy = Proxy::start(postgres_addr()).await;
    let listen_url = via(writer.database_url(), proxy.addr);
    let reader = writer
        .another_instance_with(move |config| config.live.database_listen_url = Some(listen_url))
        .await;
    let ada = writer.signed_up_user().await;
    let mut socket = connected(&reader, &ada.token).await;
    let query = "subscription { ledgerChanged { kind transactions { description } } }";
    send(&mut socket, subscribe("a", query)).await;
    tokio::time::sleep(Duration::from_millis(500)).await;

    proxy.cut().await;
    tokio::time::sleep(Duration::from_millis(800)).await;
    proxy.restore().await;

    // Writes until one is heard: the listener is back within its longest pause (5 s).
    let started = Instant::now();
    let mut heard = None;
    while heard.is_none() && started.elapsed() < Duration::from_secs(15) {
        let input = json!({"date": "2026-03-01", "amount": "-1.00", "description": "After"});
        writer.create_transaction(&ada, input).await;
        let wait = tokio::time::timeout(Duration::from_secs(1), next_message(&mut socket)).await;
        heard = wait.ok();
    }
    let message = heard.expect("an event after the database came back");
    let change = &message["payload"]["data"]["ledgerChanged"];
    assert_eq!(change["kind"], "TRANSACTIONS_CREATED", "{message}");
    assert_eq!(change["transactions"][0]["description"], "After");
}

#[tokio::test]
async fn behind_a_transaction_pooler_the_start_needs_a_listen_url_of_its_own() {
    if !on_postgres("listen URL behind a pooler") {
        return;
    }
    let app = TestApp::spawn_shared_with(|_| {}).await;
    let mut config = tally::config::Config::defaults();
    config.addr = "127.0.0.1:0".parse().unwrap();
    config.database_url = Some(app.database_url().to_owned());
    config.database_pooler = tally::config::DatabasePooler::Transaction;
    config.jwt_secret = Some(crate::helpers::fresh_secret().parse().unwrap());
    config.bcrypt_cost = 4;

    let refused = tally::App::build(config).await.err().expect("refused");

    assert!(
        refused.to_string().contains("DATABASE_LISTEN_URL"),
        "{refused}"
    );
}
