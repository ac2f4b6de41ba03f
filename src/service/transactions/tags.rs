//! Tags: free-text labels on transactions ("holiday-2026", "tax"), stored one row per tag.
//! Tags are trimmed and lower-cased, so "Tax" and "tax " are one tag; a comma is refused so
//! that a CSV cell can list several.

use std::collections::{BTreeSet, HashMap};

use sea_orm::sea_query::{Condition, Expr};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, QueryTrait,
};
use uuid::Uuid;

use crate::auth::Viewer;
use crate::error::{AppError, AppResult};
use crate::service::entities::{transaction, transaction_tag};
use crate::service::{Store, delete_all_owned, owned};

/// Most tags on one transaction.
pub const MAX_TAGS: usize = 20;
/// Longest tag, in characters.
pub const MAX_TAG_CHARS: usize = 50;

/// Tags as stored: trimmed, lower-cased, without duplicates, sorted; `BAD_USER_INPUT` on
/// `field` for an empty tag, one too long, one with a comma or a control character, or too
/// many tags.
pub fn normalize(field: &str, tags: &[String]) -> AppResult<Vec<String>> {
    let mut set = BTreeSet::new();
    for tag in tags {
        let tag = tag.trim().to_lowercase();
        let problem = if tag.is_empty() {
            Some("a tag must not be empty".to_owned())
        } else if tag.chars().count() > MAX_TAG_CHARS {
            Some(format!("a tag must be at most {MAX_TAG_CHARS} characters"))
        } else if tag.contains(',') || tag.chars().any(char::is_control) {
            Some("a tag must not contain commas or control characters".to_owned())
        } else {
            None
        };
        if let Some(message) = problem {
            return Err(AppError::bad_input(field, message));
        }
        set.insert(tag);
    }
    if set.len() > MAX_TAGS {
        return Err(AppError::bad_input(
            field,
            format!("at most {MAX_TAGS} tags per transaction"),
        ));
    }
    Ok(set.into_iter().collect())
}

/// Add tags (already normalised) to the viewer's transactions, in as few statements as the
/// database allows.
pub(in crate::service) async fn insert(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    tagged: &[(Uuid, Vec<String>)],
) -> AppResult<()> {
    let rows: Vec<_> = tagged
        .iter()
        .flat_map(|(id, tags)| {
            tags.iter().map(|tag| transaction_tag::ActiveModel {
                user_id: Set(viewer.user_id()),
                transaction_id: Set(*id),
                tag: Set(tag.clone()),
            })
        })
        .collect();
    for chunk in rows.chunks(300) {
        transaction_tag::Entity::insert_many(chunk.to_vec())
            .exec_without_returning(db)
            .await?;
    }
    Ok(())
}

/// Replace the tags of one of the viewer's transactions.
pub(in crate::service) async fn replace(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    id: Uuid,
    tags: Vec<String>,
) -> AppResult<()> {
    delete_all_owned::<transaction_tag::Entity>(viewer)
        .filter(transaction_tag::Column::TransactionId.eq(id))
        .exec(db)
        .await?;
    insert(db, viewer, &[(id, tags)]).await
}

/// The tags of each of the viewer's transactions among `ids` (untagged ones are absent).
#[tracing::instrument(level = "debug", skip_all)]
pub async fn of(
    store: &Store,
    viewer: &Viewer,
    ids: &[Uuid],
) -> AppResult<HashMap<Uuid, Vec<String>>> {
    let db = store.conn();
    let mut tags: HashMap<Uuid, Vec<String>> = HashMap::new();
    for chunk in ids.chunks(500) {
        let rows = owned::<transaction_tag::Entity>(viewer)
            .filter(transaction_tag::Column::TransactionId.is_in(chunk.iter().copied()))
            .order_by_asc(transaction_tag::Column::Tag)
            .all(db)
            .await?;
        for row in rows {
            tags.entry(row.transaction_id).or_default().push(row.tag);
        }
    }
    Ok(tags)
}

/// Every tag the viewer uses, with how many transactions carry it, by name.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn all(store: &Store, viewer: &Viewer) -> AppResult<Vec<(String, i64)>> {
    let rows: Vec<(String, i64)> = owned::<transaction_tag::Entity>(viewer)
        .select_only()
        .column(transaction_tag::Column::Tag)
        .column_as(Expr::cust("CAST(COUNT(*) AS BIGINT)"), "uses")
        .group_by(transaction_tag::Column::Tag)
        .order_by_asc(transaction_tag::Column::Tag)
        .into_tuple()
        .all(store.conn())
        .await?;
    Ok(rows)
}

/// Transactions carrying any of `tags` (normalised), as a filter on `transactions`.
pub(super) fn tagged_with_any(viewer: &Viewer, tags: Vec<String>) -> Condition {
    let ids = owned::<transaction_tag::Entity>(viewer)
        .select_only()
        .column(transaction_tag::Column::TransactionId)
        .filter(transaction_tag::Column::Tag.is_in(tags))
        .into_query();
    Condition::all().add(transaction::Column::Id.in_subquery(ids))
}
