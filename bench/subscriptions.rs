//! The subscription benchmark's driver (`bench/subscriptions.sh` starts the server): opens N
//! graphql-transport-ws sockets for one user, each subscribed to `ledgerChanged`, measures
//! the server's RSS before and after (memory per idle subscription), then creates M
//! transactions one after another and records, for every socket, the time from sending the
//! mutation to receiving its event (an upper bound of commit→delivery: the commit happens
//! inside that span). Usage: subscriptions <addr> <server-pid> <sockets> <writes>.

#![allow(clippy::unwrap_used, clippy::print_stdout)]

use std::time::{Duration, Instant};

use futures_util::{SinkExt as _, StreamExt as _};
use serde_json::{Value, json};
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::tungstenite::client::IntoClientRequest as _;
use tokio_tungstenite::tungstenite::http::HeaderValue;

fn rss_kib(pid: &str) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
    let line = status.lines().find(|l| l.starts_with("VmRSS:")).unwrap();
    line.split_whitespace().nth(1).unwrap().parse().unwrap()
}

async fn gql(
    client: &reqwest::Client,
    addr: &str,
    token: Option<&str>,
    query: &str,
    vars: Value,
) -> Value {
    let mut request = client.post(format!("http://{addr}/graphql"));
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    let body = json!({"query": query, "variables": vars});
    request
        .json(&body)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap()
}

#[tokio::main]
async fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (addr, pid) = (args[1].clone(), args[2].clone());
    let sockets: usize = args[3].parse().unwrap();
    let writes: usize = args[4].parse().unwrap();
    let client = reqwest::Client::new();
    let name = format!("bench{}", std::process::id());
    let signup = gql(
        &client,
        &addr,
        None,
        "mutation($i: SignupInput!) { signup(input: $i) { accessToken } }",
        json!({"i": {"username": name, "email": format!("{name}@example.com"),
                     "password": "correct horse battery staple"}}),
    )
    .await;
    let token = signup["data"]["signup"]["accessToken"]
        .as_str()
        .unwrap()
        .to_owned();

    tokio::time::sleep(Duration::from_secs(1)).await;
    let before = rss_kib(&pid);
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel::<(usize, Instant)>();
    for n in 0..sockets {
        let mut request = format!("ws://{addr}/graphql")
            .into_client_request()
            .unwrap();
        request.headers_mut().insert(
            "sec-websocket-protocol",
            HeaderValue::from_static("graphql-transport-ws"),
        );
        let (mut socket, _) = tokio_tungstenite::connect_async(request).await.unwrap();
        let init = json!({"type": "connection_init", "payload": {"Authorization": format!("Bearer {token}")}});
        socket
            .send(Message::Text(init.to_string().into()))
            .await
            .unwrap();
        let _ack = socket.next().await.unwrap().unwrap();
        let sub = json!({"type": "subscribe", "id": "1",
                         "payload": {"query": "subscription { ledgerChanged { kind transactionIds } }"}});
        socket
            .send(Message::Text(sub.to_string().into()))
            .await
            .unwrap();
        let tx = tx.clone();
        tokio::spawn(async move {
            while let Some(Ok(message)) = socket.next().await {
                if let Message::Text(text) = message
                    && text.contains("\"next\"")
                {
                    let _ = tx.send((n, Instant::now()));
                }
            }
        });
    }
    tokio::time::sleep(Duration::from_secs(2)).await;
    let after = rss_kib(&pid);
    let per = (after.saturating_sub(before) as f64) * 1024.0 / sockets as f64;
    println!(
        "sockets={sockets} rss_before_kib={before} rss_after_kib={after} bytes_per_idle_subscription={per:.0}"
    );

    let mut latencies = Vec::new();
    for w in 0..writes {
        let sent = Instant::now();
        let input =
            json!({"date": "2026-03-01", "amount": "-1.00", "description": format!("w{w}")});
        gql(
            &client,
            &addr,
            Some(&token),
            "mutation($i: CreateTransactionInput!) { createTransaction(input: $i) { id } }",
            json!({"i": input}),
        )
        .await;
        let mut got = 0;
        while got < sockets {
            let Ok(Some((_, at))) = tokio::time::timeout(Duration::from_secs(10), rx.recv()).await
            else {
                println!("write {w}: only {got} of {sockets} deliveries within 10 s");
                break;
            };
            latencies.push(at.duration_since(sent));
            got += 1;
        }
    }
    latencies.sort();
    let pick = |q: f64| latencies[((latencies.len() as f64 - 1.0) * q) as usize];
    println!(
        "deliveries={} p50_ms={:.2} p99_ms={:.2} max_ms={:.2}",
        latencies.len(),
        pick(0.50).as_secs_f64() * 1e3,
        pick(0.99).as_secs_f64() * 1e3,
        pick(1.0).as_secs_f64() * 1e3
    );
}
