//! Slow and idle clients, over raw sockets: a request head must arrive within
//! `TALLY_HEADER_READ_TIMEOUT_SECONDS`, a body within `TALLY_BODY_READ_TIMEOUT_SECONDS`
//! (HTTP 408), a kept-alive connection may idle `TALLY_KEEP_ALIVE_IDLE_SECONDS` between
//! requests — and a client may leave a response unread no longer than that — and at most
//! `TALLY_MAX_CONNECTIONS` are served at once; SIGTERM still lets an in-flight request finish.

use std::process::Command;
use std::time::{Duration, Instant};

use tally::config::Config;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

use super::config::started_at;
use crate::helpers::TestApp;

/// Far longer than any timeout a test sets: what "closed" is allowed to take on a busy machine.
const PATIENCE: Duration = Duration::from_secs(20);

const HEALTH: &[u8] = b"GET /healthz HTTP/1.1\r\nHost: tally.test\r\n\r\n";

async fn app(adjust: impl FnOnce(&mut Config)) -> TestApp {
    TestApp::spawn_with(adjust).await
}

async fn connect(app: &TestApp) -> TcpStream {
    TcpStream::connect(app.addr).await.unwrap()
}

/// Read until the server closes the connection, for at most `PATIENCE`; what it sent and how
/// long it took, or `None` if it kept the connection open.
async fn until_closed(stream: &mut TcpStream) -> Option<(String, Duration)> {
    let started = Instant::now();
    let mut received = Vec::new();
    let read = tokio::time::timeout(PATIENCE, async {
        let mut chunk = [0u8; 4096];
        loop {
            match stream.read(&mut chunk).await {
                Ok(0) | Err(_) => return,
                Ok(n) => received.extend_from_slice(&chunk[..n]),
            }
        }
    })
    .await;
    read.ok()?;
    Some((
        String::from_utf8_lossy(&received).into_owned(),
        started.elapsed(),
    ))
}

/// One whole HTTP response (head and `Content-Length` body), or `None` if none comes within
/// `wait`.
async fn response(stream: &mut TcpStream, wait: Duration) -> Option<String> {
    let mut received = Vec::new();
    let complete = |bytes: &[u8]| {
        let text = String::from_utf8_lossy(bytes);
        let (head, body) = text.split_once("\r\n\r\n")?;
        let length = head.lines().find_map(|line| {
            let (name, value) = line.split_once(':')?;
            name.eq_ignore_ascii_case("content-length")
                .then(|| value.trim().parse::<usize>().ok())?
        })?;
        (body.len() >= length).then(|| text.clone().into_owned())
    };
    tokio::time::timeout(wait, async {
        let mut chunk = [0u8; 4096];
        loop {
            if let Some(whole) = complete(&received) {
                return Some(whole);
            }
            match stream.read(&mut chunk).await {
                Ok(0) | Err(_) => return None,
                Ok(n) => received.extend_from_slice(&chunk[..n]),
            }
        }
    })
    .await
    .ok()?
}

#[tokio::test]
async fn a_client_that_stops_in_the_middle_of_its_headers_is_closed() {
    let app = app(|config| config.header_read_timeout_seconds = 1).await;
    let mut stream = connect(&app).await;
    stream
        .write_all(b"POST /graphql HTTP/1.1\r\nHost: tally.test\r\nContent-Ty")
        .await
        .unwrap();

    let closed = until_closed(&mut stream).await;

    let (_, after) = closed.expect("the server must close a connection stuck in its headers");
    assert!(
        after >= Duration::from_millis(900),
        "not before the timeout: {after:?}"
    );
}

#[tokio::test]
async fn a_client_that_connects_and_says_nothing_is_closed() {
    let app = app(|config| config.header_read_timeout_seconds = 1).await;
    let mut stream = connect(&app).await;

    let closed = until_closed(&mut stream).await;

    assert!(closed.is_some(), "a silent connection must be closed");
}

#[tokio::test]
async fn a_kept_alive_connection_outlives_the_header_timeout_while_idle_then_closes() {
    let app = app(|config| {
        config.header_read_timeout_seconds = 1;
        config.keep_alive_idle_seconds = 4;
    })
    .await;
    let mut stream = connect(&app).await;
    stream.write_all(HEALTH).await.unwrap();
    assert!(response(&mut stream, PATIENCE).await.is_some());

    // Idle for twice the header timeout: still open, and serving.
    tokio::time::sleep(Duration::from_secs(2)).await;
    stream.write_all(HEALTH).await.unwrap();
    let again = response(&mut stream, PATIENCE).await;
    let closed = until_closed(&mut stream).await;

    assert!(
        again.is_some_and(|r| r.starts_with("HTTP/1.1 200")),
        "kept alive"
    );
    let (_, after) = closed.expect("an idle connection must be closed");
    assert!(
        after >= Duration::from_millis(3900),
        "not before the idle timeout: {after:?}"
    );
}

#[tokio::test]
async fn a_client_that_stops_reading_a_large_response_is_closed() {
    let dir = std::env::temp_dir().join(format!("tally-big-{}", uuid::Uuid::new_v4()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("index.html"), "<!doctype html>").unwrap();
    let size = 32 << 20;
    std::fs::write(dir.join("big.bin"), vec![7u8; size]).unwrap();
    let app = app(|config| {
        config.dashboard_dir = Some(dir.clone());
        config.keep_alive_idle_seconds = 1;
    })
    .await;
    let socket = tokio::net::TcpSocket::new_v4().unwrap();
    socket.set_recv_buffer_size(4096).unwrap();
    let mut stream = socket.connect(app.addr).await.unwrap();
    stream
        .write_all(b"GET /big.bin HTTP/1.1\r\nHost: tally.test\r\n\r\n")
        .await
        .unwrap();

    // Read nothing while the server's socket buffer fills up, past the idle timeout.
    tokio::time::sleep(Duration::from_secs(3)).await;
    let closed = until_closed(&mut stream).await;

    let (received, _) = closed.expect("a client that stops reading must be let go");
    assert!(received.len() < size, "the rest was never sent");
    std::fs::remove_dir_all(&dir).ok();
}

#[tokio::test]
async fn a_body_that_stops_arriving_is_answered_408_and_the_connection_closed() {
    let app = app(|config| config.body_read_timeout_seconds = 1).await;
    let mut stream = connect(&app).await;
    let head = "POST /graphql HTTP/1.1\r\nHost: tally.test\r\n\
                Content-Type: application/json\r\nContent-Length: 100\r\n\r\n";
    stream.write_all(head.as_bytes()).await.unwrap();
    stream.write_all(br#"{"query":"#).await.unwrap();

    let closed = until_closed(&mut stream).await;

    let (answer, _) = closed.expect("the server must give up on the body");
    assert!(answer.starts_with("HTTP/1.1 408"), "{answer}");
    assert!(answer.contains(r#""code":"BAD_REQUEST""#), "{answer}");
}

#[tokio::test]
async fn connections_beyond_the_bound_wait_until_one_closes() {
    let app = app(|config| {
        config.max_connections = 2;
        config.header_read_timeout_seconds = 120;
    })
    .await;
    let first = connect(&app).await;
    let _second = connect(&app).await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    let mut third = connect(&app).await;
    third.write_all(HEALTH).await.unwrap();

    let while_full = response(&mut third, Duration::from_secs(1)).await;
    drop(first);
    let once_free = response(&mut third, PATIENCE).await;

    assert!(
        while_full.is_none(),
        "served beyond the bound: {while_full:?}"
    );
    assert!(once_free.is_some_and(|r| r.starts_with("HTTP/1.1 200")));
}

#[cfg(unix)]
#[tokio::test]
async fn sigterm_lets_an_in_flight_request_finish() {
    let env = [
        ("JWT_SECRET", "q8Vt3nZr1Lx0bKc7WmYp2Hs9JdFg4Ue6"),
        ("TALLY_SHUTDOWN_GRACE_SECONDS", "20"),
    ];
    let (mut child, addr) = started_at(&env).expect("listening");
    let body = br#"{"query":"{ __typename }"}"#;
    let head = format!(
        "POST /graphql HTTP/1.1\r\nHost: tally.test\r\nContent-Type: application/json\r\n\
         Content-Length: {}\r\n\r\n",
        body.len()
    );
    let mut stream = TcpStream::connect(addr).await.unwrap();
    stream.write_all(head.as_bytes()).await.unwrap();
    stream.write_all(&body[..5]).await.unwrap();
    tokio::time::sleep(Duration::from_millis(500)).await;

    let signalled = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status();
    tokio::time::sleep(Duration::from_millis(500)).await;
    stream.write_all(&body[5..]).await.unwrap();
    let answer = response(&mut stream, PATIENCE).await;

    assert!(signalled.is_ok_and(|s| s.success()));
    let answer = answer.expect("the in-flight request is answered");
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    assert!(answer.contains(r#""__typename":"Query""#), "{answer}");
    let deadline = Instant::now() + PATIENCE;
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        assert!(
            Instant::now() < deadline,
            "tally did not stop after SIGTERM"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    };
    assert!(status.success(), "{status}");
}
