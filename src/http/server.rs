//! Serving connections: the accept loop in place of `axum::serve`, which offers neither
//! connection timeouts nor a bound on connections.
//!
//! - **At most `TALLY_MAX_CONNECTIONS` at once.** A permit is taken *before* each accept, so
//!   at the bound the loop stops accepting and further clients wait in the operating system's
//!   accept queue (as Go's `netutil.LimitListener` does) instead of being taken in and starved.
//! - **Header-read timeout** (`TALLY_HEADER_READ_TIMEOUT_SECONDS`): a request's head must be
//!   complete within it, counted from the accept or, on a kept-alive connection, from the
//!   first byte of the next request. A client that sends part of its headers and stops is
//!   closed, not waited for.
//! - **Idle timeout** (`TALLY_KEEP_ALIVE_IDLE_SECONDS`): a kept-alive connection with no
//!   request in flight is closed after it, and so is one whose client stops reading a response
//!   for that long (a full socket buffer, no progress) — else a client that never reads a
//!   large answer would hold its connection, and a slot of the bound, for ever.
//! - The body-read timeout is the GraphQL handler's (the only route that reads a body), so it
//!   can answer HTTP 408 (`http::graphql`).
//!
//! hyper's own `header_read_timeout` starts when it begins waiting for a head — also while a
//! kept-alive connection is idle — so it cannot tell "slow headers" from "idle between
//! requests"; a small per-connection [`Watch`] does both, in Go's and Node's sense. No read
//! timer runs while a request is being handled: the request timeout bounds that.
//!
//! Shutdown keeps its contract: on the signal the loop stops accepting, idle connections
//! close, in-flight requests finish within the grace period (hyper's graceful shutdown), and
//! whatever is left after it is dropped.

mod watch;

use std::convert::Infallible;
use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{Request, Response};
use hyper::body::Incoming;
use hyper_util::rt::TokioIo;
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::Semaphore;
use tower::ServiceExt as _;

use self::watch::{Sent, Watch, Watched};

/// How long clients may take, and how many may be connected.
#[derive(Debug, Clone, Copy)]
pub struct ConnectionLimits {
    pub header_read: Duration,
    pub idle: Duration,
    pub max_connections: usize,
}

/// Serve `router` on `listener` until `stop` completes, then give in-flight requests `grace`.
pub async fn serve(
    listener: TcpListener,
    router: Router,
    limits: ConnectionLimits,
    stop: impl Future<Output = ()>,
    grace: Duration,
) {
    let permits = Arc::new(Semaphore::new(limits.max_connections));
    // hyper-util's `GracefulShutdown` cannot watch a connection that allows upgrades
    // (WebSockets), so the same is done here: a stop signal every connection hears, and a
    // token per open connection to wait for.
    let (stopping, stop_signal) = tokio::sync::watch::channel(false);
    let open = Arc::new(());
    tokio::pin!(stop);
    loop {
        let accepted = tokio::select! {
            () = &mut stop => break,
            accepted = accept(&listener, &permits) => accepted,
        };
        let Some((stream, peer, permit)) = accepted else {
            continue;
        };
        let (mut stop_signal, open) = (stop_signal.clone(), open.clone());
        let router = router.clone();
        tokio::spawn(async move {
            let _permit = permit;
            let _open = open;
            let watch = Arc::new(Watch::new(limits));
            let io = TokioIo::new(Watched {
                inner: stream,
                watch: watch.clone(),
            });
            let service = hyper::service::service_fn({
                let watch = watch.clone();
                move |request| handle(router.clone(), watch.clone(), peer, request)
            });
            let connection = hyper::server::conn::http1::Builder::new()
                .header_read_timeout(None) // the Watch does it, see above
                .serve_connection(io, service)
                .with_upgrades(); // WebSocket subscriptions (`http/live.rs`)
            tokio::pin!(connection);
            let mut shutting_down = false;
            loop {
                tokio::select! {
                    served = connection.as_mut() => {
                        if let Err(err) = served {
                            tracing::debug!(error = %err, "connection ended with an error");
                        }
                        break;
                    }
                    changed = stop_signal.changed(), if !shutting_down => {
                        shutting_down = true;
                        if changed.is_ok() {
                            connection.as_mut().graceful_shutdown();
                        }
                    }
                    () = watch.expired() => {
                        tracing::debug!("closed a stalled or idle connection");
                        break;
                    }
                }
            }
        });
    }
    drop(listener);
    let _ = stopping.send(true);
    let drained = async {
        while Arc::strong_count(&open) > 1 {
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    };
    tokio::select! {
        () = drained => {},
        () = tokio::time::sleep(grace) => {
            tracing::warn!("grace period over; dropping remaining connections");
        }
    }
}

/// The next connection, once a permit is free; `None` after an accept error (retried).
async fn accept(
    listener: &TcpListener,
    permits: &Arc<Semaphore>,
) -> Option<(TcpStream, SocketAddr, tokio::sync::OwnedSemaphorePermit)> {
    let permit = permits.clone().acquire_owned().await.ok()?;
    match listener.accept().await {
        Ok((stream, peer)) => Some((stream, peer, permit)),
        Err(err) if is_connection_error(&err) => None,
        Err(err) => {
            // Out of file descriptors and the like: give the system a moment.
            tracing::error!(error = %err, "accepting a connection failed");
            tokio::time::sleep(Duration::from_millis(250)).await;
            None
        }
    }
}

/// A failure of one incoming connection, not of the listener.
fn is_connection_error(err: &std::io::Error) -> bool {
    use std::io::ErrorKind::{ConnectionAborted, ConnectionRefused, ConnectionReset};
    matches!(
        err.kind(),
        ConnectionRefused | ConnectionAborted | ConnectionReset
    )
}

/// One request through the router, with the peer's address for `ConnectInfo`; no timer runs
/// until its response has been sent.
async fn handle(
    router: Router,
    watch: Arc<Watch>,
    peer: SocketAddr,
    mut request: Request<Incoming>,
) -> Result<Response<Body>, Infallible> {
    watch.busy();
    request.extensions_mut().insert(ConnectInfo(peer));
    let response = router.oneshot(request.map(Body::new)).await?;
    Ok(response.map(|body| Body::new(Sent { inner: body, watch })))
}
