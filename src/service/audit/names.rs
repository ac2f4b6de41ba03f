//! What an audit event acted on, in words ("Lunch", "Main account"), for the viewer's own
//! log. Resolved when the log is read, through the viewer's scoped rows — the log itself
//! stores only the entity's type and id, never a description or a name:
//! - privacy: finance text stays in the finance tables, so deleting a transaction deletes
//!   its description (the log keeps events for `AUDIT_RETENTION_DAYS`), and an admin
//!   reading a user's log never sees it (the lookup is scoped to the viewer);
//! - a deleted entity has no name any more (the event still says what kind it was), and a
//!   renamed one shows its current name.
//!
//! One statement per entity type on the page (two for budgets and valuations); a rule is
//! named by its name.

use std::collections::HashMap;

use sea_orm::{ColumnTrait, QueryFilter, QuerySelect};
use uuid::Uuid;

use super::Entry;
use crate::auth::Viewer;
use crate::error::AppResult;
use crate::service::entities::{account, budget, category, rule, transaction, valuation};
use crate::service::ownership::OwnedRow;
use crate::service::{Store, owned};

/// An entity as the log names it: its type and id text.
pub type EntityKey = (String, String);

/// The names of the entities `entries` acted on that still exist and are the viewer's.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn of(
    store: &Store,
    viewer: &Viewer,
    entries: &[Entry],
) -> AppResult<HashMap<EntityKey, String>> {
    let mut ids: HashMap<&str, Vec<Uuid>> = HashMap::new();
    for entry in entries {
        if let (Some(kind), Some(id)) = (&entry.entity_type, &entry.entity_id)
            && let Ok(id) = Uuid::parse_str(id)
        {
            ids.entry(kind.as_str()).or_default().push(id);
        }
    }
    let db = store.conn();
    let mut names = HashMap::new();
    let mut put = |kind: &str, id: Uuid, name: String| {
        names.insert((kind.to_owned(), id.to_string()), name);
    };
    let accounts = account_names(store, viewer, ids.get("account")).await?;
    for (id, name) in &accounts {
        put("account", *id, name.clone());
    }
    for (id, name) in category_names(store, viewer, ids.get("category")).await? {
        put("category", id, name);
    }
    let description = transaction::Column::Description;
    let transactions = ids.get("transaction");
    let found = names_of::<transaction::Entity>(store, viewer, transactions, description).await?;
    for (id, text) in found {
        put("transaction", id, text);
    }
    let rules = ids.get("rule");
    for (id, name) in names_of::<rule::Entity>(store, viewer, rules, rule::Column::Name).await? {
        put("rule", id, name);
    }
    let transfers = ids.get("transfer").map(Vec::as_slice).unwrap_or_default();
    if !transfers.is_empty() {
        let rows = owned::<transaction::Entity>(viewer)
            .filter(transaction::Column::TransferId.is_in(transfers.iter().copied()))
            .all(db)
            .await?;
        for row in rows {
            if let Some(transfer_id) = row.transfer_id {
                put("transfer", transfer_id, row.description);
            }
        }
    }
    let budgets = ids.get("budget").map(Vec::as_slice).unwrap_or_default();
    if !budgets.is_empty() {
        let rows = owned::<budget::Entity>(viewer)
            .filter(budget::Column::Id.is_in(budgets.iter().copied()))
            .all(db)
            .await?;
        let categories: Vec<Uuid> = rows.iter().map(|row| row.category_id).collect();
        let category = category_names(store, viewer, Some(&categories)).await?;
        for row in rows {
            if let Some(name) = category.get(&row.category_id) {
                let month = row.month.format("%Y-%m");
                put("budget", row.id, format!("{name} budget, {month}"));
            }
        }
    }
    let valuations = ids.get("valuation").map(Vec::as_slice).unwrap_or_default();
    if !valuations.is_empty() {
        let rows = owned::<valuation::Entity>(viewer)
            .filter(valuation::Column::Id.is_in(valuations.iter().copied()))
            .all(db)
            .await?;
        let ids: Vec<Uuid> = rows.iter().map(|row| row.account_id).collect();
        let account = account_names(store, viewer, Some(&ids)).await?;
        for row in rows {
            if let Some(name) = account.get(&row.account_id) {
                put(
                    "valuation",
                    row.id,
                    format!("{name} valuation, {}", row.date),
                );
            }
        }
    }
    Ok(names)
}

/// The `name` column of the viewer's rows of `E` among `ids`, by id.
async fn names_of<E: OwnedRow>(
    store: &Store,
    viewer: &Viewer,
    ids: Option<&Vec<Uuid>>,
    name: E::Column,
) -> AppResult<HashMap<Uuid, String>> {
    let Some(ids) = ids.filter(|ids| !ids.is_empty()) else {
        return Ok(HashMap::new());
    };
    let rows: Vec<(Uuid, String)> = owned::<E>(viewer)
        .filter(E::id().is_in(ids.iter().copied()))
        .select_only()
        .column(E::id())
        .column(name)
        .into_tuple()
        .all(store.conn())
        .await?;
    Ok(rows.into_iter().collect())
}

async fn account_names(
    store: &Store,
    viewer: &Viewer,
    ids: Option<&Vec<Uuid>>,
) -> AppResult<HashMap<Uuid, String>> {
    names_of::<account::Entity>(store, viewer, ids, account::Column::Name).await
}

async fn category_names(
    store: &Store,
    viewer: &Viewer,
    ids: Option<&Vec<Uuid>>,
) -> AppResult<HashMap<Uuid, String>> {
    names_of::<category::Entity>(store, viewer, ids, category::Column::Name).await
}
