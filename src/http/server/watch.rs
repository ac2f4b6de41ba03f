//! A connection's timers: the [`Watch`] that knows its deadline (the head being read, idle
//! between requests, or a response the client is not reading), the socket wrapper that
//! tells it about bytes in and out ([`Watched`]), and the response body that tells it when
//! a response is done ([`Sent`]).

use std::pin::Pin;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::task::{Context, Poll};

use axum::body::Body;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::TcpStream;
use tokio::sync::Notify;
use tokio::time::Instant;

use super::ConnectionLimits;

/// When a connection is closed for taking too long: its deadline, if any, and a signal
/// whenever the deadline changes.
pub(super) struct Watch {
    limits: ConnectionLimits,
    deadline: Mutex<Option<Instant>>,
    /// No request in flight since the last response: the next bytes start a head.
    idle: AtomicBool,
    /// When a write the client is not reading stops being waited for; `None`: none waits.
    write_stall: Mutex<Option<Instant>>,
    /// Whether `write_stall` is set, read without the lock on every write.
    stalled: AtomicBool,
    changed: Notify,
}

impl Watch {
    /// A new connection: its first request's head is due within the header timeout.
    pub(super) fn new(limits: ConnectionLimits) -> Self {
        Self {
            limits,
            deadline: Mutex::new(Some(Instant::now() + limits.header_read)),
            idle: AtomicBool::new(false),
            write_stall: Mutex::new(None),
            stalled: AtomicBool::new(false),
            changed: Notify::new(),
        }
    }

    fn set(&self, deadline: Option<Instant>) {
        *self.deadline.lock().unwrap_or_else(PoisonError::into_inner) = deadline;
        self.changed.notify_one();
    }

    /// A write waits for the client to read: give it the idle timeout, once.
    fn write_blocked(&self) {
        if !self.stalled.swap(true, Ordering::AcqRel) {
            let until = Instant::now() + self.limits.idle;
            *self
                .write_stall
                .lock()
                .unwrap_or_else(PoisonError::into_inner) = Some(until);
            self.changed.notify_one();
        }
    }

    /// A write went through: the client reads again.
    fn write_moved(&self) {
        if self.stalled.swap(false, Ordering::AcqRel) {
            *self
                .write_stall
                .lock()
                .unwrap_or_else(PoisonError::into_inner) = None;
            self.changed.notify_one();
        }
    }

    /// Note how a write went: blocked on the client, or through.
    fn wrote(&self, polled: &Poll<std::io::Result<usize>>) {
        match polled {
            Poll::Pending => self.write_blocked(),
            Poll::Ready(_) => self.write_moved(),
        }
    }

    /// The earlier of the phase's deadline and a stalled write's.
    fn next_deadline(&self) -> Option<Instant> {
        let phase = *self.deadline.lock().unwrap_or_else(PoisonError::into_inner);
        let stall = *self
            .write_stall
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        phase.into_iter().chain(stall).min()
    }

    /// A request's head is in: it is being handled.
    pub(super) fn busy(&self) {
        self.idle.store(false, Ordering::Release);
        self.set(None);
    }

    /// Its response is sent: wait for the next request at most the idle timeout.
    fn sent(&self) {
        self.idle.store(true, Ordering::Release);
        self.set(Some(Instant::now() + self.limits.idle));
    }

    /// Bytes came in: if the connection was idle, a new request's head has begun.
    fn bytes_arrived(&self) {
        if self.idle.swap(false, Ordering::AcqRel) {
            self.set(Some(Instant::now() + self.limits.header_read));
        }
    }

    /// Completes once the current deadline passes.
    pub(super) async fn expired(&self) {
        loop {
            let changed = self.changed.notified();
            tokio::pin!(changed);
            changed.as_mut().enable();
            match self.next_deadline() {
                Some(at) if at <= Instant::now() => return,
                Some(at) => {
                    tokio::select! {
                        () = tokio::time::sleep_until(at) => {},
                        () = changed => {},
                    }
                }
                None => changed.await,
            }
        }
    }
}

/// A connection's socket that tells its [`Watch`] when bytes arrive.
pub(super) struct Watched {
    pub(super) inner: TcpStream,
    pub(super) watch: Arc<Watch>,
}

impl AsyncRead for Watched {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<std::io::Result<()>> {
        let before = buf.filled().len();
        let polled = Pin::new(&mut self.inner).poll_read(cx, buf);
        if matches!(polled, Poll::Ready(Ok(()))) && buf.filled().len() > before {
            self.watch.bytes_arrived();
        }
        polled
    }
}

impl AsyncWrite for Watched {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<std::io::Result<usize>> {
        let polled = Pin::new(&mut self.inner).poll_write(cx, buf);
        self.watch.wrote(&polled);
        polled
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.inner).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.inner).poll_shutdown(cx)
    }

    fn poll_write_vectored(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[std::io::IoSlice<'_>],
    ) -> Poll<std::io::Result<usize>> {
        let polled = Pin::new(&mut self.inner).poll_write_vectored(cx, bufs);
        self.watch.wrote(&polled);
        polled
    }

    fn is_write_vectored(&self) -> bool {
        self.inner.is_write_vectored()
    }
}

/// A response body that tells the [`Watch`] when hyper is done with it (sent, or the
/// connection gone): the connection is idle from then on.
pub(super) struct Sent {
    pub(super) inner: Body,
    pub(super) watch: Arc<Watch>,
}

impl Drop for Sent {
    fn drop(&mut self) {
        self.watch.sent();
    }
}

impl http_body::Body for Sent {
    type Data = axum::body::Bytes;
    type Error = axum::Error;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<http_body::Frame<Self::Data>, Self::Error>>> {
        Pin::new(&mut self.inner).poll_frame(cx)
    }

    fn is_end_stream(&self) -> bool {
        self.inner.is_end_stream()
    }

    fn size_hint(&self) -> http_body::SizeHint {
        self.inner.size_hint()
    }
}
