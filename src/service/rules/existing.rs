//! A saved rule against the transactions already in the ledger: [`preview`] lists what it
//! would change, [`apply`] changes it. Both walk the viewer's transactions in id order from a
//! cursor and look at a bounded number of rows per call ([`PREVIEW_SCAN`], [`APPLY_BATCH`]),
//! handing back a cursor to continue from, so no call holds a transaction (or a CPU) for the
//! whole ledger. Legs of transfers are left alone (a transfer has no category).
//!
//! Applying one rule to an existing transaction sets its category and renames it where they
//! differ, and adds the rule's tags it lacks (only if they all fit under the tag limit). Each
//! batch is one database transaction that locks the matching rows and reads them again
//! before writing, so two concurrent applies cannot both add a tag or count a change twice.
//! Each changed transaction gets an `UPDATED` event with reason `RULE_APPLIED`, and the rule
//! one too.

mod write;

use std::collections::HashMap;

use sea_orm::sea_query::Condition;
use sea_orm::{ColumnTrait, ConnectionTrait, QueryFilter, QueryOrder, QuerySelect};
use uuid::Uuid;

use super::Rule;
use super::matcher::Compiled;
use crate::auth::Viewer;
use crate::error::{AppError, AppResult};
use crate::service::entities::{transaction, transaction_tag};
use crate::service::transactions::classify::Subject;
use crate::service::transactions::tags::MAX_TAGS;
use crate::service::{Store, cursor, lock_where, owned};

/// Most transactions one preview call looks at.
pub const PREVIEW_SCAN: u64 = 2000;
/// Most transactions one apply call looks at (and so changes).
pub const APPLY_BATCH: u64 = 500;
/// Most changes one preview call lists.
pub const MAX_PREVIEW: usize = 50;
/// Rows read per statement while scanning.
const SCAN_CHUNK: u64 = 500;

/// What applying a rule would do to one transaction.
#[derive(Debug, Clone)]
pub struct Change {
    pub transaction_id: Uuid,
    pub description: String,
    /// The new category, when it changes.
    pub category_id: Option<Uuid>,
    /// Tags it would gain.
    pub add_tags: Vec<String>,
    /// The new description, when it changes.
    pub rename_to: Option<String>,
}

/// A page of a preview: the changes found, how many transactions were looked at, and where
/// to continue (`None`: the whole ledger has been looked at).
#[derive(Debug)]
pub struct Preview {
    pub changes: Vec<Change>,
    pub scanned: u64,
    pub next: Option<String>,
}

/// What one apply call did.
#[derive(Debug)]
pub struct Applied {
    pub scanned: u64,
    pub changed: u64,
    pub next: Option<String>,
}

/// What the rule `id` would change, from `after` on: at most `first` (1 to [`MAX_PREVIEW`])
/// changes, looking at at most [`PREVIEW_SCAN`] transactions.
#[tracing::instrument(skip_all)]
pub async fn preview(
    store: &Store,
    viewer: &Viewer,
    id: Uuid,
    first: Option<i32>,
    after: Option<&str>,
) -> AppResult<Preview> {
    let first = match first.unwrap_or(20) {
        n @ 1..=50 => usize::try_from(n).unwrap_or(MAX_PREVIEW),
        _ => {
            let message = format!("first must be between 1 and {MAX_PREVIEW}");
            return Err(AppError::bad_input("first", message));
        }
    };
    let compiled = Compiled::new(super::get(store, viewer, id).await?)?;
    let mut position = start(after)?;
    let mut preview = Preview {
        changes: Vec::new(),
        scanned: 0,
        next: None,
    };
    while preview.scanned < PREVIEW_SCAN {
        let limit = SCAN_CHUNK.min(PREVIEW_SCAN - preview.scanned);
        let rows = page(store.conn(), viewer, &compiled.rule, position, limit).await?;
        let done = (rows.len() as u64) < limit;
        let matching: Vec<_> = rows.iter().filter(|r| matches(&compiled, r)).collect();
        let tags = tags_of(store.conn(), viewer, &matching).await?;
        for row in &rows {
            preview.scanned += 1;
            position = Some(row.id);
            let change = matches(&compiled, row)
                .then(|| change_for(&compiled.rule, row, tags.get(&row.id)))
                .flatten();
            if let Some(change) = change {
                preview.changes.push(change);
                if preview.changes.len() == first {
                    preview.next = position.map(wrap);
                    return Ok(preview);
                }
            }
        }
        if done {
            return Ok(preview);
        }
    }
    preview.next = position.map(wrap);
    Ok(preview)
}

/// Apply the rule `id` to the next [`APPLY_BATCH`] transactions from `after`, in one short
/// database transaction; call again with `next` until it is `None`.
#[tracing::instrument(skip_all)]
pub async fn apply(
    store: &Store,
    viewer: &Viewer,
    id: Uuid,
    after: Option<&str>,
) -> AppResult<Applied> {
    let compiled = Compiled::new(super::get(store, viewer, id).await?)?;
    let rule = &compiled.rule;
    let position = start(after)?;
    let txn = store.begin().await?;
    let rows = page(&txn, viewer, rule, position, APPLY_BATCH).await?;
    let scanned = rows.len() as u64;
    let next = if scanned < APPLY_BATCH {
        None
    } else {
        rows.last().map(|r| wrap(r.id))
    };
    let ids: Vec<Uuid> = rows
        .iter()
        .filter(|r| matches(&compiled, r))
        .map(|r| r.id)
        .collect();
    let mut changes = Vec::new();
    if !ids.is_empty() {
        let condition = Condition::all().add(transaction::Column::Id.is_in(ids.iter().copied()));
        lock_where::<transaction::Entity>(&txn, viewer, condition).await?;
        // Read again under the lock: a concurrent apply may have changed them meanwhile.
        let fresh = owned::<transaction::Entity>(viewer)
            .filter(transaction::Column::Id.is_in(ids.iter().copied()))
            .filter(transaction::Column::TransferId.is_null())
            .all(&txn)
            .await?;
        let fresh: Vec<_> = fresh.iter().filter(|r| matches(&compiled, r)).collect();
        let tags = tags_of(&txn, viewer, &fresh).await?;
        changes = fresh
            .iter()
            .filter_map(|r| change_for(rule, r, tags.get(&r.id)))
            .collect();
    }
    write::changes(&txn, viewer, rule, &changes).await?;
    txn.commit().await?;
    Ok(Applied {
        scanned,
        changed: changes.len() as u64,
        next,
    })
}

/// The viewer's transactions after `position` in id order (not legs of transfers, only the
/// rule's account when it names one).
async fn page(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    rule: &Rule,
    position: Option<Uuid>,
    limit: u64,
) -> AppResult<Vec<transaction::Model>> {
    let mut query = owned::<transaction::Entity>(viewer)
        .filter(transaction::Column::TransferId.is_null())
        .order_by_asc(transaction::Column::Id)
        .limit(limit);
    if let Some(position) = position {
        query = query.filter(transaction::Column::Id.gt(position));
    }
    if let Some(account_id) = rule.account_id {
        query = query.filter(transaction::Column::AccountId.eq(account_id));
    }
    Ok(query.all(db).await?)
}

fn matches(compiled: &Compiled, row: &transaction::Model) -> bool {
    let Ok(currency) = crate::money::Currency::parse(&row.currency) else {
        return false;
    };
    compiled.matches(Subject {
        account_id: row.account_id,
        amount: currency.from_minor(row.amount_minor),
        description: &row.description,
    })
}

/// What `rule` changes on `row` (which it matches), if anything.
fn change_for(rule: &Rule, row: &transaction::Model, tags: Option<&Vec<String>>) -> Option<Change> {
    let category_id = rule.category_id.filter(|id| row.category_id != Some(*id));
    let rename_to = rule
        .rename_to
        .clone()
        .filter(|name| *name != row.description);
    let current = tags.map(Vec::as_slice).unwrap_or_default();
    let mut add_tags: Vec<String> = rule
        .add_tags
        .iter()
        .filter(|t| !current.contains(t))
        .cloned()
        .collect();
    if current.len() + add_tags.len() > MAX_TAGS {
        add_tags.clear();
    }
    if category_id.is_none() && rename_to.is_none() && add_tags.is_empty() {
        return None;
    }
    Some(Change {
        transaction_id: row.id,
        description: row.description.clone(),
        category_id,
        add_tags,
        rename_to,
    })
}

async fn tags_of(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    rows: &[&transaction::Model],
) -> AppResult<HashMap<Uuid, Vec<String>>> {
    let mut tags: HashMap<Uuid, Vec<String>> = HashMap::new();
    if rows.is_empty() {
        return Ok(tags);
    }
    let found = owned::<transaction_tag::Entity>(viewer)
        .filter(transaction_tag::Column::TransactionId.is_in(rows.iter().map(|r| r.id)))
        .all(db)
        .await?;
    for row in found {
        tags.entry(row.transaction_id).or_default().push(row.tag);
    }
    Ok(tags)
}

const CURSOR_PREFIX: &str = "rule-scan|";

fn wrap(id: Uuid) -> String {
    cursor::wrap(&format!("{CURSOR_PREFIX}{id}"))
}

fn start(after: Option<&str>) -> AppResult<Option<Uuid>> {
    let Some(after) = after else {
        return Ok(None);
    };
    let plain = cursor::unwrap(after)?;
    plain
        .strip_prefix(CURSOR_PREFIX)
        .and_then(|id| Uuid::parse_str(id).ok())
        .map(Some)
        .ok_or_else(cursor::invalid)
}
