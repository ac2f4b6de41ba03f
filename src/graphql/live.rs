//! The subscription root: what a signed-in user's open WebSocket hears (the transport is
//! `http/live/`). Every field streams the viewer's own events from the store's bus
//! (`service::events`) and re-reads what it shows through the scoped services as the
//! viewer, with the loader's cache dropped before each event so nothing shown is stale.

use std::collections::VecDeque;
use std::pin::Pin;
use std::sync::Arc;

use async_graphql::{ComplexObject, Context, Enum, SimpleObject, Subscription as GqlSubscription};
use futures_util::stream::{self, Stream, StreamExt};
use tokio::sync::broadcast;

use super::budgets::BudgetLine;
use super::context::{services, viewer};
use super::loaders;
use super::scalars::{Month, Uuid};
use super::transactions::Transaction;
use crate::auth::Viewer;
use crate::service::budgets::thresholds::{Crossed, Watch};
use crate::service::events::{self, Change, Event};
use crate::service::{Store, transactions};

/// The subscription root.
#[derive(Default)]
pub struct Subscription;

#[GqlSubscription]
impl Subscription {
    /// The viewer's ledger changed (here, another tab or device, another instance, the recurring job).
    async fn ledger_changed<'ctx>(
        &self,
        ctx: &Context<'ctx>,
    ) -> async_graphql::Result<impl Stream<Item = LedgerChange> + 'ctx> {
        let viewer = viewer(ctx)?;
        let loader = loaders::of_request(ctx);
        let events = own_events(&services(ctx).store, viewer);
        Ok(events.filter_map(move |event| {
            let change = match &event.change {
                Change::Ledger(change) => Some(LedgerChange::from(change.clone())),
                _ => None,
            };
            if change.is_some() {
                loaders::forget_in(loader);
            }
            std::future::ready(change)
        }))
    }

    /// A budget of the current month crossed 80 % or 100 % used (spent/budgeted) upwards.
    async fn budget_threshold_crossed<'ctx>(
        &self,
        ctx: &Context<'ctx>,
    ) -> async_graphql::Result<impl Stream<Item = BudgetThresholdCrossed> + 'ctx> {
        let viewer = viewer(ctx)?.clone();
        let store = services(ctx).store.clone();
        let loader = loaders::of_request(ctx);
        let events = own_events(&store, &viewer);
        let watch = Watch::start(&store, &viewer).await?;
        let state = Thresholds {
            events: Box::pin(events),
            watch,
            pending: VecDeque::new(),
            store,
            viewer,
        };
        Ok(stream::unfold(state, move |mut state| async move {
            loop {
                if let Some(crossed) = state.pending.pop_front() {
                    return Some((crossed.into(), state));
                }
                let event = state.events.next().await?;
                if !matches!(event.change, Change::Ledger(_) | Change::Budgets) {
                    continue;
                }
                loaders::forget_in(loader);
                match state.watch.check(&state.store, &state.viewer).await {
                    Ok(crossed) => state.pending.extend(crossed),
                    Err(err) => {
                        tracing::warn!(error = ?err, "reading budgets for a subscriber failed")
                    }
                }
            }
        }))
    }

    /// This connection's session ended; the server closes the socket right after sending it.
    async fn session_ended<'ctx>(
        &self,
        ctx: &Context<'ctx>,
    ) -> async_graphql::Result<impl Stream<Item = SessionEnded> + 'ctx> {
        let viewer = viewer(ctx)?;
        let (user, session) = (viewer.user_id(), viewer.session_id());
        let events = own_events(&services(ctx).store, viewer);
        Ok(events.filter_map(move |event| {
            let reason = ends_session(&event, user, session).map(|reason| SessionEnded {
                reason: reason.into(),
            });
            std::future::ready(reason)
        }))
    }
}

/// The state of one `budgetThresholdCrossed` stream.
struct Thresholds {
    events: Pin<Box<dyn Stream<Item = Arc<Event>> + Send>>,
    watch: Watch,
    pending: VecDeque<Crossed>,
    store: Store,
    viewer: Viewer,
}

/// The viewer's events from now on (a subscriber that falls behind skips what it missed).
fn own_events(store: &Store, viewer: &Viewer) -> impl Stream<Item = Arc<Event>> + Send + use<> {
    let receiver = store.events().subscribe(viewer.user_id());
    stream::unfold(receiver, |mut receiver| async move {
        loop {
            match receiver.recv().await {
                Ok(event) => return Some((event, receiver)),
                Err(broadcast::error::RecvError::Lagged(missed)) => {
                    tracing::warn!(missed, "a live subscriber fell behind");
                }
                Err(broadcast::error::RecvError::Closed) => return None,
            }
        }
    })
}

/// Why `event` ends the session `session` of `user`, if it does.
pub fn ends_session(
    event: &Event,
    user: uuid::Uuid,
    session: uuid::Uuid,
) -> Option<events::EndReason> {
    let Change::SessionEnded {
        session: ended,
        except,
        reason,
    } = &event.change
    else {
        return None;
    };
    let this = match ended {
        Some(ended) => *ended == session,
        None => *except != Some(session),
    };
    (event.user_id == user && this).then_some(*reason)
}

/// What changed in a ledger.
#[derive(Enum, Clone, Copy, PartialEq, Eq)]
#[graphql(
    name = "LedgerChangeKind",
    remote = "crate::service::events::LedgerKind"
)]
pub enum LedgerChangeKind {
    TransactionsCreated,
    TransactionsUpdated,
    TransactionsDeleted,
    TransferCreated,
    TransferDeleted,
    ImportFinished,
}

/// Why a session ended.
#[derive(Enum, Clone, Copy, PartialEq, Eq)]
#[graphql(remote = "crate::service::events::EndReason")]
pub enum SessionEndReason {
    Revoked,
    LoggedOutEverywhere,
    PasswordChanged,
    UserDisabled,
    Expired,
}

/// A change to the viewer's ledger.
#[derive(SimpleObject)]
#[graphql(complex)]
pub struct LedgerChange {
    pub kind: LedgerChangeKind,
    /// The transactions touched (at most the first 100; empty allowed for big imports).
    pub transaction_ids: Vec<Uuid>,
    /// Accounts whose balances may have changed.
    pub account_ids: Vec<Uuid>,
    /// Rows written (IMPORT_FINISHED only).
    pub imported: Option<i32>,
    /// Rows skipped as imported before (IMPORT_FINISHED only).
    pub skipped: Option<i32>,
}

#[ComplexObject]
impl LedgerChange {
    /// The touched transactions that still exist, re-read for the viewer through the scoped service layer.
    async fn transactions(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<Transaction>> {
        let viewer = viewer(ctx)?;
        let ids: Vec<uuid::Uuid> = self.transaction_ids.iter().map(|id| id.0).collect();
        let rows = transactions::by_ids(&services(ctx).store, viewer, &ids).await?;
        Ok(rows.into_iter().map(Transaction::from).collect())
    }
}

impl From<events::LedgerChange> for LedgerChange {
    fn from(change: events::LedgerChange) -> Self {
        let count = |n: Option<u32>| n.map(|n| i32::try_from(n).unwrap_or(i32::MAX));
        Self {
            kind: change.kind.into(),
            transaction_ids: change.transaction_ids.into_iter().map(Uuid).collect(),
            account_ids: change.account_ids.into_iter().map(Uuid).collect(),
            imported: count(change.imported),
            skipped: count(change.skipped),
        }
    }
}

/// A budget of the current month crossed a threshold upwards.
#[derive(SimpleObject)]
pub struct BudgetThresholdCrossed {
    pub month: Month,
    pub threshold_percent: i32,
    pub line: BudgetLine,
}

impl From<Crossed> for BudgetThresholdCrossed {
    fn from(crossed: Crossed) -> Self {
        Self {
            month: Month(crossed.month),
            threshold_percent: i32::from(crossed.threshold),
            line: crossed.line.into(),
        }
    }
}

/// The connection's session ended.
#[derive(SimpleObject)]
pub struct SessionEnded {
    pub reason: SessionEndReason,
}
