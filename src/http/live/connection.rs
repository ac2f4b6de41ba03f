//! One WebSocket connection: waits for `connection_init` (4408 after the timeout), admits
//! its token through the same gate as HTTP (4403 if refused), then runs each `subscribe` as
//! a task whose messages come back through one channel. The connection ends when the client
//! goes, at the token's expiry (4403, unless a `ping` brought a fresh token), when a live
//! event says its session ended (after `sessionEnded` had a moment to reach its
//! subscribers), or when a periodic re-check of the token at the gate fails.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

use axum::extract::ws::{CloseFrame, Message, Utf8Bytes, WebSocket};
use futures_util::StreamExt as _;
use serde_json::Value;
use tokio::sync::{broadcast, mpsc};
use tokio::task::AbortHandle;
use tokio::time::{Instant, sleep_until};

use super::protocol::{self, ClientMessage};
use super::{Live, Seat};
use crate::auth::gate::Refusal;
use crate::auth::{Caller, ClientInfo, Viewer};
use crate::graphql::{RequestContext, errors};
use crate::http::AppState;
use crate::service::events::Event;

/// How long `sessionEnded` gets to reach the subscribers before the socket closes.
const SESSION_END_GRACE: Duration = Duration::from_millis(200);
/// Messages the subscriptions of one connection may queue for it.
const OUTBOX: usize = 64;

/// What a subscription task hands the connection.
enum Out {
    Text(String),
    Done(String),
}

/// The authenticated part of a connection.
struct Admitted {
    viewer: Viewer,
    token: String,
    expires: Instant,
    events: broadcast::Receiver<Arc<Event>>,
    _seat: Seat,
}

/// Why the connection closes.
struct Close(u16, &'static str);

pub async fn run(mut socket: WebSocket, state: AppState, client: Arc<ClientInfo>) {
    let live = state.live.clone();
    if let Err(Close(code, reason)) = serve(&mut socket, &state, &live, client).await {
        let frame = CloseFrame {
            code,
            reason: Utf8Bytes::from_static(reason),
        };
        let _ = socket.send(Message::Close(Some(frame))).await;
    }
}

async fn serve(
    socket: &mut WebSocket,
    state: &AppState,
    live: &Arc<Live>,
    client: Arc<ClientInfo>,
) -> Result<(), Close> {
    let init_deadline = Instant::now() + live.init_timeout;
    let mut admitted: Option<Admitted> = None;
    let mut running: HashMap<String, AbortHandle> = HashMap::new();
    let (outbox, mut inbox) = mpsc::channel::<Out>(OUTBOX);
    let mut recheck = tokio::time::interval(live.recheck_every);
    recheck.reset();
    let result = loop {
        let expires = admitted.as_ref().map_or(init_deadline, |a| a.expires);
        tokio::select! {
            incoming = socket.recv() => {
                let text = match incoming {
                    None | Some(Err(_)) | Some(Ok(Message::Close(_))) => break Ok(()),
                    Some(Ok(Message::Text(text))) => text,
                    Some(Ok(Message::Ping(_) | Message::Pong(_))) => continue,
                    Some(Ok(Message::Binary(_))) => {
                        break Err(Close(protocol::BAD_MESSAGE, "Binary messages are not supported"));
                    }
                };
                let message = match protocol::parse(&text) {
                    Ok(message) => message,
                    Err(_) => break Err(Close(protocol::BAD_MESSAGE, "Invalid message")),
                };
                let step = on_message(message, socket, state, live, &client, &mut admitted, &mut running, &outbox).await;
                if let Err(close) = step {
                    break Err(close);
                }
            }
            Some(out) = inbox.recv() => {
                let text = match out {
                    Out::Text(text) => text,
                    Out::Done(id) => {
                        running.remove(&id);
                        continue;
                    }
                };
                if socket.send(Message::Text(text.into())).await.is_err() {
                    break Ok(());
                }
            }
            () = sleep_until(expires) => {
                break Err(match admitted {
                    None => Close(protocol::INIT_TIMEOUT, "Connection initialisation timeout"),
                    Some(_) => Close(protocol::FORBIDDEN, "Forbidden: the access token expired"),
                });
            }
            ended = session_end(admitted.as_mut()) => {
                if ended {
                    flush(socket, &mut inbox).await;
                    break Err(Close(protocol::FORBIDDEN, "Forbidden: the session ended"));
                }
            }
            _ = recheck.tick(), if admitted.is_some() => {
                if let Some(admitted) = &admitted {
                    match state.gate.admit(&admitted.token, client.clone()).await {
                        Ok(_) | Err(Refusal::Unavailable) => {}
                        Err(Refusal::Invalid) => {
                            break Err(Close(protocol::FORBIDDEN, "Forbidden: the token was revoked"));
                        }
                    }
                }
            }
        }
    };
    for (_, task) in running.drain() {
        task.abort();
    }
    result
}

/// Resolves when a live event says the admitted session ended (`true`), or never.
async fn session_end(admitted: Option<&mut Admitted>) -> bool {
    let Some(admitted) = admitted else {
        return std::future::pending().await;
    };
    let (user, session) = (admitted.viewer.user_id(), admitted.viewer.session_id());
    loop {
        match admitted.events.recv().await {
            Ok(event) => {
                if crate::graphql::live::ends_session(&event, user, session).is_some() {
                    return true;
                }
            }
            Err(broadcast::error::RecvError::Lagged(_)) => {}
            Err(broadcast::error::RecvError::Closed) => return std::future::pending().await,
        }
    }
}

/// Send what the subscriptions queue within the grace period (their `sessionEnded`).
async fn flush(socket: &mut WebSocket, inbox: &mut mpsc::Receiver<Out>) {
    let until = Instant::now() + SESSION_END_GRACE;
    while let Ok(Some(out)) = tokio::time::timeout_at(until, inbox.recv()).await {
        if let Out::Text(text) = out
            && socket.send(Message::Text(text.into())).await.is_err()
        {
            return;
        }
    }
}

#[allow(clippy::too_many_arguments)]
async fn on_message(
    message: ClientMessage,
    socket: &mut WebSocket,
    state: &AppState,
    live: &Arc<Live>,
    client: &Arc<ClientInfo>,
    admitted: &mut Option<Admitted>,
    running: &mut HashMap<String, AbortHandle>,
    outbox: &mpsc::Sender<Out>,
) -> Result<(), Close> {
    match message {
        ClientMessage::Init(payload) => {
            if admitted.is_some() {
                return Err(Close(
                    protocol::TOO_MANY,
                    "Too many initialisation requests",
                ));
            }
            *admitted = Some(admit(&payload, state, live, client).await?);
            send(socket, protocol::ack()).await
        }
        ClientMessage::Ping(payload) => {
            if let (Some(current), Some(_)) = (admitted.as_mut(), protocol::bearer(&payload)) {
                renew(current, &payload, state, client).await?;
            }
            send(socket, protocol::pong()).await
        }
        ClientMessage::Pong => Ok(()),
        ClientMessage::Subscribe { id, payload } => {
            let Some(current) = admitted.as_ref() else {
                return Err(Close(protocol::UNAUTHORIZED, "Unauthorized"));
            };
            if running.contains_key(&id) {
                return Err(Close(
                    protocol::DUPLICATE_ID,
                    "Subscriber for this id already exists",
                ));
            }
            if running.len() >= live.max_subscriptions {
                let err = limit_error(live.max_subscriptions);
                return send(socket, protocol::error(&id, &[err])).await;
            }
            let caller = Caller {
                viewer: Some(current.viewer.clone()),
                client: client.clone(),
            };
            match start(state, caller, &id, payload, outbox.clone()) {
                Ok(task) => {
                    running.insert(id, task);
                    Ok(())
                }
                Err(errors) => send(socket, protocol::error(&id, &errors)).await,
            }
        }
        ClientMessage::Complete { id } => {
            if let Some(task) = running.remove(&id) {
                task.abort();
            }
            Ok(())
        }
    }
}

async fn send(socket: &mut WebSocket, text: String) -> Result<(), Close> {
    // A send that fails means the client is gone; the next receive ends the loop.
    let _ = socket.send(Message::Text(text.into())).await;
    Ok(())
}

/// Admit the token of a `connection_init` and take a seat among the user's connections.
async fn admit(
    payload: &Value,
    state: &AppState,
    live: &Arc<Live>,
    client: &Arc<ClientInfo>,
) -> Result<Admitted, Close> {
    let Some(token) = protocol::bearer(payload) else {
        return Err(Close(
            protocol::FORBIDDEN,
            "Forbidden: send Authorization: Bearer <token>",
        ));
    };
    let (viewer, expires) = gate(state, token, client).await?;
    let Some(seat) = live.enter(viewer.user_id()) else {
        return Err(Close(
            protocol::TOO_MANY,
            "Too many connections for this user",
        ));
    };
    let events = state.store.events().subscribe(viewer.user_id());
    Ok(Admitted {
        viewer,
        token: token.to_owned(),
        expires,
        events,
        _seat: seat,
    })
}

/// A `ping` carrying a fresh token for the same user and session extends the connection.
async fn renew(
    current: &mut Admitted,
    payload: &Value,
    state: &AppState,
    client: &Arc<ClientInfo>,
) -> Result<(), Close> {
    let Some(token) = protocol::bearer(payload) else {
        return Ok(());
    };
    let (viewer, expires) = gate(state, token, client).await?;
    if viewer.user_id() != current.viewer.user_id()
        || viewer.session_id() != current.viewer.session_id()
    {
        return Err(Close(
            protocol::FORBIDDEN,
            "Forbidden: another session's token",
        ));
    }
    current.viewer = viewer;
    current.token = token.to_owned();
    current.expires = expires;
    Ok(())
}

async fn gate(
    state: &AppState,
    token: &str,
    client: &Arc<ClientInfo>,
) -> Result<(Viewer, Instant), Close> {
    match state.gate.admit_until(token, client.clone()).await {
        Ok((viewer, exp)) => {
            let left = exp.saturating_sub(chrono::Utc::now().timestamp());
            let left = Duration::from_secs(u64::try_from(left).unwrap_or(0));
            Ok((viewer, Instant::now() + left))
        }
        Err(Refusal::Invalid) => Err(Close(protocol::FORBIDDEN, "Forbidden")),
        Err(Refusal::Unavailable) => Err(Close(protocol::INTERNAL, "The database is unavailable")),
    }
}

fn limit_error(max: usize) -> async_graphql::ServerError {
    let message = format!("A connection may hold at most {max} subscriptions");
    errors::with_code(
        async_graphql::ServerError::new(message, None),
        crate::graphql::errors::code::SUBSCRIPTION_LIMIT,
    )
}

/// A `subscribe` payload: a GraphQL request, perhaps naming a trusted document.
#[derive(serde::Deserialize)]
struct Payload {
    #[serde(flatten)]
    request: async_graphql::Request,
    #[serde(rename = "documentId")]
    document_id: Option<String>,
}

/// Check and start subscription `id`; its messages go to `outbox`.
fn start(
    state: &AppState,
    caller: Caller,
    id: &str,
    payload: Value,
    outbox: mpsc::Sender<Out>,
) -> Result<AbortHandle, Vec<async_graphql::ServerError>> {
    let bad = |err: serde_json::Error| {
        let message = format!("The subscribe payload is not a GraphQL request: {err}");
        let err = async_graphql::ServerError::new(errors::bounded(&message), None);
        vec![errors::with_code(
            err,
            crate::graphql::errors::code::BAD_REQUEST,
        )]
    };
    let payload: Payload = serde_json::from_value(payload).map_err(bad)?;
    let request = state
        .api
        .resolve_document(payload.request, payload.document_id)
        .map_err(|err| {
            let mut response = async_graphql::Response::from_errors(vec![err]);
            errors::label(&mut response);
            response.errors
        })?;
    let mut stream = state.api.subscribe(request, RequestContext::new(caller))?;
    let id = id.to_owned();
    let task = tokio::spawn(async move {
        let mut first = true;
        while let Some(response) = stream.next().await {
            let refused = first
                && response.data == async_graphql::Value::Null
                && !response.errors.is_empty()
                && response.errors.iter().all(errors::is_request_error);
            first = false;
            let text = if refused {
                protocol::error(&id, &response.errors)
            } else {
                protocol::next(&id, &response)
            };
            if outbox.send(Out::Text(text)).await.is_err() {
                return;
            }
            if refused {
                let _ = outbox.send(Out::Done(id)).await;
                return;
            }
        }
        let _ = outbox.send(Out::Text(protocol::complete(&id))).await;
        let _ = outbox.send(Out::Done(id)).await;
    });
    Ok(task.abort_handle())
}
