//! `TALLY_METRICS_ADDR`: `/metrics` on a listener of its own, without a token, while the
//! main port keeps answering 404; and `TALLY_METRICS_TOKEN`, read from the environment, is
//! refused when short.

use std::io::{BufRead, BufReader};
use std::net::SocketAddr;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// `tally serve` with `env`, logging JSON: the process, and the addresses it logged for the
/// API and for `/metrics`.
fn serve_with_metrics(env: &[(&str, &str)]) -> (std::process::Child, SocketAddr, SocketAddr) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_tally"))
        .env_clear()
        .env("TALLY_ADDR", "127.0.0.1:0")
        .env("DATABASE_URL", "sqlite::memory:")
        .env("JWT_SECRET", "q8Vt3nZr1Lx0bKc7WmYp2Hs9JdFg4Ue6")
        .env("TALLY_LOG_FORMAT", "json")
        .env("RUST_LOG", "info")
        .envs(env.iter().copied())
        .stdin(Stdio::null())
        .stderr(Stdio::null())
        .stdout(Stdio::piped())
        .spawn()
        .expect("tally starts");
    let mut lines = BufReader::new(child.stdout.take().unwrap())
        .lines()
        .map_while(Result::ok);
    let deadline = Instant::now() + Duration::from_secs(30);
    let (mut api, mut metrics) = (None, None);
    for line in lines.by_ref() {
        let event: serde_json::Value = serde_json::from_str(&line).unwrap_or_default();
        let addr = event["addr"].as_str().and_then(|a| a.parse().ok());
        match event["message"].as_str() {
            Some("tally is listening") => api = addr,
            Some("metrics are served at /metrics") => metrics = addr,
            _ => {}
        }
        if api.is_some() && metrics.is_some() || Instant::now() > deadline {
            break;
        }
    }
    std::thread::spawn(move || lines.for_each(drop));
    match (api, metrics) {
        (Some(api), Some(metrics)) => (child, api, metrics),
        _ => {
            child.kill().ok();
            panic!("tally did not log both addresses");
        }
    }
}

#[tokio::test]
async fn a_metrics_address_serves_them_without_a_token_and_the_main_port_stays_closed() {
    let (mut child, api, metrics) = serve_with_metrics(&[("TALLY_METRICS_ADDR", "127.0.0.1:0")]);
    let client = reqwest::Client::new();

    let scraped = client
        .get(format!("http://{metrics}/metrics"))
        .send()
        .await
        .unwrap();
    let main_port = client.get(format!("http://{api}/metrics")).send().await;
    let elsewhere = client.get(format!("http://{metrics}/")).send().await;
    child.kill().ok();
    child.wait().ok();

    assert_eq!(scraped.status(), 200);
    assert!(scraped.text().await.unwrap().contains("tally_build_info"));
    assert_eq!(main_port.unwrap().status(), 404);
    assert_eq!(elsewhere.unwrap().status(), 404);
}

#[test]
fn a_short_metrics_token_is_refused_at_start() {
    let output = Command::new(env!("CARGO_BIN_EXE_tally"))
        .env_clear()
        .env("TALLY_ADDR", "127.0.0.1:0")
        .env("DATABASE_URL", "sqlite::memory:")
        .env("JWT_SECRET", "q8Vt3nZr1Lx0bKc7WmYp2Hs9JdFg4Ue6")
        .env("TALLY_METRICS_TOKEN", "short")
        .stdin(Stdio::null())
        .output()
        .expect("tally runs");
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("TALLY_METRICS_TOKEN must be at least"),
        "{stderr}"
    );
    assert!(!stderr.contains("short\""), "{stderr}");
}
