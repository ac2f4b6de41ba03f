//! The PostgreSQL listener: one dedicated connection per instance (`DATABASE_LISTEN_URL`,
//! never through a transaction-pooling PgBouncer, which cannot keep a `LISTEN`) that hears
//! every instance's committed events on [`CHANNEL`] and hands them to this instance's
//! [`Bus`]. When the database goes away it reconnects, with a growing pause, and listens
//! again; events committed while it was away are not replayed (clients refetch when they
//! reconnect — docs/OPERATIONS.md).

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use sea_orm::sqlx::postgres::PgListener;
use tokio::task::JoinHandle;

use super::{Bus, CHANNEL, parse};

/// Longest pause between two connection attempts.
const MAX_PAUSE: Duration = Duration::from_secs(5);
const FIRST_PAUSE: Duration = Duration::from_millis(100);

/// The running listener.
#[derive(Debug)]
pub struct Listener {
    task: JoinHandle<()>,
    listening: Arc<AtomicBool>,
}

impl Listener {
    /// Listen on `url` and publish what arrives into `bus`, until stopped.
    pub fn spawn(url: String, bus: Arc<Bus>) -> Self {
        let listening = Arc::new(AtomicBool::new(false));
        let task = tokio::spawn(run(url, bus, listening.clone()));
        Self { task, listening }
    }

    /// Is the listener connected and listening now?
    pub fn is_listening(&self) -> bool {
        self.listening.load(Ordering::Relaxed)
    }

    /// Stop listening.
    pub fn stop(self) {
        self.task.abort();
    }
}

async fn run(url: String, bus: Arc<Bus>, listening: Arc<AtomicBool>) {
    let mut pause = FIRST_PAUSE;
    loop {
        match connect(&url).await {
            Ok(mut listener) => {
                tracing::info!("listening for live events");
                listening.store(true, Ordering::Relaxed);
                pause = FIRST_PAUSE;
                // `try_recv` answers `None` when the connection was lost: start over.
                while let Ok(Some(notification)) = listener.try_recv().await {
                    match parse(notification.payload()) {
                        Some(event) => bus.publish(event),
                        None => tracing::warn!("ignored a malformed live event"),
                    }
                }
                listening.store(false, Ordering::Relaxed);
                tracing::warn!("the live-event listener lost its database connection");
            }
            Err(err) => {
                tracing::warn!(error = %err, "the live-event listener cannot reach the database");
            }
        }
        tokio::time::sleep(pause).await;
        pause = (pause * 2).min(MAX_PAUSE);
    }
}

async fn connect(url: &str) -> Result<PgListener, sea_orm::sqlx::Error> {
    let mut listener = PgListener::connect(url).await?;
    // Reconnection is ours (above), so it is logged and paced.
    listener.eager_reconnect(false);
    listener.listen(CHANNEL).await?;
    Ok(listener)
}
