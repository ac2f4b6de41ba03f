//! A small graphql-transport-ws client for the tests.

use std::time::Duration;

use futures_util::{SinkExt as _, StreamExt as _};
use serde_json::{Value, json};
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::tungstenite::client::IntoClientRequest as _;
use tokio_tungstenite::tungstenite::http::HeaderValue;
use tokio_tungstenite::{MaybeTlsStream, WebSocketStream};

use crate::helpers::TestApp;

pub type Socket = WebSocketStream<MaybeTlsStream<tokio::net::TcpStream>>;

/// How long a test waits for a message it expects.
pub const WAIT: Duration = Duration::from_secs(10);

/// Open a socket to `/graphql` speaking graphql-transport-ws, with an optional `Origin`.
pub async fn open(app: &TestApp, origin: Option<&str>) -> Result<Socket, u16> {
    let url = format!("ws://{}/graphql", app.addr);
    let mut request = url.into_client_request().unwrap();
    let headers = request.headers_mut();
    headers.insert(
        "sec-websocket-protocol",
        HeaderValue::from_static("graphql-transport-ws"),
    );
    if let Some(origin) = origin {
        headers.insert("origin", HeaderValue::from_str(origin).unwrap());
    }
    match tokio_tungstenite::connect_async(request).await {
        Ok((socket, _)) => Ok(socket),
        Err(tokio_tungstenite::tungstenite::Error::Http(response)) => {
            Err(response.status().as_u16())
        }
        Err(err) => panic!("connecting failed: {err}"),
    }
}

/// A socket after `connection_init` with `token` and its `connection_ack`.
pub async fn connected(app: &TestApp, token: &str) -> Socket {
    let mut socket = open(app, None).await.unwrap();
    send(&mut socket, init(token)).await;
    let ack = next_message(&mut socket).await;
    assert_eq!(ack["type"], "connection_ack", "{ack}");
    socket
}

pub fn init(token: &str) -> Value {
    json!({"type": "connection_init", "payload": {"Authorization": format!("Bearer {token}")}})
}

/// A `ping` carrying `token`: the way a client renews the connection's token.
pub fn ping_with(token: &str) -> Value {
    json!({"type": "ping", "payload": {"Authorization": format!("Bearer {token}")}})
}

pub fn subscribe(id: &str, query: &str) -> Value {
    json!({"type": "subscribe", "id": id, "payload": {"query": query}})
}

pub async fn send(socket: &mut Socket, message: Value) {
    socket
        .send(Message::Text(message.to_string().into()))
        .await
        .unwrap();
}

/// The next protocol message (JSON), skipping WebSocket pings.
pub async fn next_message(socket: &mut Socket) -> Value {
    loop {
        let message = tokio::time::timeout(WAIT, socket.next())
            .await
            .expect("a message in time")
            .expect("the socket is open")
            .expect("a frame");
        match message {
            Message::Text(text) => return serde_json::from_str(&text).unwrap(),
            Message::Close(frame) => panic!("closed: {frame:?}"),
            _ => {}
        }
    }
}

/// The close code the server ends the socket with (skipping other messages).
pub async fn close_code(socket: &mut Socket) -> u16 {
    loop {
        let message = tokio::time::timeout(WAIT, socket.next())
            .await
            .expect("a close in time");
        match message {
            Some(Ok(Message::Close(Some(frame)))) => return u16::from(frame.code),
            Some(Ok(Message::Close(None))) | None => return 1005,
            Some(Ok(_)) => {}
            Some(Err(_)) => return 1006,
        }
    }
}

/// Nothing arrives within `within`.
pub async fn silent(socket: &mut Socket, within: Duration) {
    if let Ok(Some(Ok(Message::Text(text)))) = tokio::time::timeout(within, socket.next()).await {
        panic!("unexpected message: {text}");
    }
}

/// On PostgreSQL events travel through each instance's listener, which connects as the app
/// starts: give it a moment before the first write a test expects to hear about.
pub async fn listener_settles() {
    if std::env::var("TEST_DATABASE_URL").is_ok() {
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
}

/// `logoutEverywhere` with `token` of the socket's user: its `sessionEnded` subscription
/// hears `LOGGED_OUT_EVERYWHERE`, then the socket closes 4403.
pub async fn logout_everywhere_ends(app: &TestApp, token: &str, socket: &mut Socket) {
    app.ok(token, "mutation { logoutEverywhere }", json!({}))
        .await;
    let message = next_message(socket).await;
    assert_eq!(
        message["payload"]["data"]["sessionEnded"]["reason"], "LOGGED_OUT_EVERYWHERE",
        "{message}"
    );
    assert_eq!(close_code(socket).await, 4403);
}
