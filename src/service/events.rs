//! Live events: what subscriptions (`graphql/live/`) tell a user's open connections — their
//! ledger changed, their session ended, their budgets may have moved.
//!
//! A service records an event on its database transaction ([`Txn::emit`](super::share::Txn)),
//! and it leaves only when that transaction commits: on PostgreSQL as a `NOTIFY` inside the
//! transaction (which PostgreSQL delivers on commit, to every instance's listener —
//! [`listen`]), on SQLite into this process's [`Bus`] right after the commit. A rolled-back
//! write sends nothing. Payloads are small: the user id and ids, never data; subscribers
//! re-read what they show through the scoped services as that user.

pub mod listen;

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use serde::{Deserialize, Serialize};
use tokio::sync::broadcast;
use uuid::Uuid;

/// The PostgreSQL channel every instance listens on.
pub const CHANNEL: &str = "tally_events";
/// Most transaction ids one ledger event names (a big import names none: see `imported`).
pub const MAX_IDS: usize = 100;
/// Events a slow subscriber may fall behind by before it skips ahead.
const BUFFER: usize = 64;

/// What changed in a user's ledger.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum LedgerKind {
    TransactionsCreated,
    TransactionsUpdated,
    TransactionsDeleted,
    TransferCreated,
    TransferDeleted,
    ImportFinished,
}

/// Why a session ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum EndReason {
    Revoked,
    LoggedOutEverywhere,
    PasswordChanged,
    UserDisabled,
    Expired,
}

/// A change to a user's ledger: the transactions touched (at most [`MAX_IDS`]) and the
/// accounts whose balances may have moved.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LedgerChange {
    pub kind: LedgerKind,
    #[serde(rename = "t", default)]
    pub transaction_ids: Vec<Uuid>,
    #[serde(rename = "a", default)]
    pub account_ids: Vec<Uuid>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub imported: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub skipped: Option<u32>,
}

impl LedgerChange {
    /// A change of `kind` to these transactions (the first [`MAX_IDS`]) and accounts.
    pub fn new(kind: LedgerKind, transactions: &[Uuid], accounts: &[Uuid]) -> Self {
        let mut account_ids = accounts.to_vec();
        account_ids.sort_unstable();
        account_ids.dedup();
        account_ids.truncate(MAX_IDS);
        Self {
            kind,
            transaction_ids: transactions.iter().copied().take(MAX_IDS).collect(),
            account_ids,
            imported: None,
            skipped: None,
        }
    }
}

/// What happened to a user.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Change {
    Ledger(LedgerChange),
    /// A budget of theirs was set or removed (thresholds may have been crossed).
    Budgets,
    /// One session (`Some`) or all of the user's sessions (`None`) ended — all but
    /// `except`, when set (a password change keeps the session that made it).
    SessionEnded {
        session: Option<Uuid>,
        #[serde(skip_serializing_if = "Option::is_none", default)]
        except: Option<Uuid>,
        reason: EndReason,
    },
}

/// One event, for one user's subscribers only.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Event {
    #[serde(rename = "u")]
    pub user_id: Uuid,
    #[serde(rename = "c")]
    pub change: Change,
}

impl Event {
    pub fn ledger(user_id: Uuid, change: LedgerChange) -> Self {
        Self {
            user_id,
            change: Change::Ledger(change),
        }
    }

    /// A ledger change of `kind` to these transactions and accounts.
    pub fn of_ledger(
        user_id: Uuid,
        kind: LedgerKind,
        transactions: &[Uuid],
        accounts: &[Uuid],
    ) -> Self {
        Self::ledger(user_id, LedgerChange::new(kind, transactions, accounts))
    }

    /// `session` of `user_id` ended (`None`: every session).
    pub fn session_ended(user_id: Uuid, session: Option<Uuid>, reason: EndReason) -> Self {
        Self {
            user_id,
            change: Change::SessionEnded {
                session,
                except: None,
                reason,
            },
        }
    }

    /// Every session of `user_id` but `except` ended.
    pub fn other_sessions_ended(user_id: Uuid, except: Uuid, reason: EndReason) -> Self {
        Self {
            user_id,
            change: Change::SessionEnded {
                session: None,
                except: Some(except),
                reason,
            },
        }
    }

    pub fn budgets(user_id: Uuid) -> Self {
        Self {
            user_id,
            change: Change::Budgets,
        }
    }
}

/// This process's subscribers, by user: a publish reaches only the channel of the event's
/// user, so one user's subscriber never even sees another's events.
#[derive(Debug, Default)]
pub struct Bus {
    users: Mutex<HashMap<Uuid, broadcast::Sender<Arc<Event>>>>,
}

impl Bus {
    /// The events of `user_id` from now on.
    pub fn subscribe(&self, user_id: Uuid) -> broadcast::Receiver<Arc<Event>> {
        let mut users = self.users.lock().unwrap_or_else(|e| e.into_inner());
        users
            .entry(user_id)
            .or_insert_with(|| broadcast::channel(BUFFER).0)
            .subscribe()
    }

    /// Hand `event` to its user's subscribers on this instance (none: nothing happens).
    pub fn publish(&self, event: Event) {
        let mut users = self.users.lock().unwrap_or_else(|e| e.into_inner());
        let Some(sender) = users.get(&event.user_id) else {
            return;
        };
        if sender.receiver_count() == 0 {
            users.remove(&event.user_id);
            return;
        }
        let _ = sender.send(Arc::new(event));
    }

    /// Users with a channel now (for tests and diagnostics).
    pub fn users(&self) -> usize {
        self.users.lock().map_or(0, |users| users.len())
    }
}

/// The text of `event` as a `NOTIFY` payload (well under PostgreSQL's 8000 bytes: at most
/// [`MAX_IDS`] ids of each kind).
pub fn payload(event: &Event) -> String {
    serde_json::to_string(event).unwrap_or_default()
}

/// An event read back from a `NOTIFY` payload; `None` for anything else on the channel.
pub fn parse(payload: &str) -> Option<Event> {
    serde_json::from_str(payload).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_payload_round_trips_and_stays_small() {
        let ids: Vec<Uuid> = (0..500).map(|_| Uuid::now_v7()).collect();
        let change = LedgerChange::new(LedgerKind::TransactionsDeleted, &ids, &ids);
        let event = Event::ledger(Uuid::now_v7(), change);
        let text = payload(&event);
        assert!(text.len() < 8000, "{}", text.len());
        assert_eq!(parse(&text), Some(event));
        assert_eq!(parse("not json"), None);
    }

    #[tokio::test]
    async fn a_user_receives_only_their_own_events() {
        let bus = Bus::default();
        let (a, b) = (Uuid::now_v7(), Uuid::now_v7());
        let mut of_a = bus.subscribe(a);
        let mut of_b = bus.subscribe(b);
        bus.publish(Event::budgets(a));
        assert_eq!(of_a.recv().await.unwrap().user_id, a);
        assert!(of_b.try_recv().is_err());
        drop(of_a);
        bus.publish(Event::budgets(a));
        assert_eq!(bus.users(), 1);
    }
}
