//! Writing what applying a rule changes, inside the batch's database transaction: the
//! category and description with one statement each, the missing tags (a tag a concurrent
//! apply added first is kept once: `ON CONFLICT DO NOTHING`), and the audit events.

use chrono::Utc;
use sea_orm::sea_query::{Expr, OnConflict};
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use uuid::Uuid;

use super::super::Rule;
use super::Change;
use crate::auth::Viewer;
use crate::error::AppResult;
use crate::service::audit::{self, Action, Event};
use crate::service::entities::{transaction, transaction_tag};
use crate::service::update_owned;

/// Write `changes` (of the viewer's locked transactions) made by `rule`.
pub(super) async fn changes(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    rule: &Rule,
    changes: &[Change],
) -> AppResult<()> {
    if changes.is_empty() {
        return Ok(());
    }
    let ids = |pick: fn(&Change) -> bool| -> Vec<Uuid> {
        changes
            .iter()
            .filter(|c| pick(c))
            .map(|c| c.transaction_id)
            .collect()
    };
    let now = Utc::now();
    update_owned::<transaction::Entity>(viewer)
        .col_expr(transaction::Column::UpdatedAt, Expr::value(now))
        .filter(transaction::Column::Id.is_in(ids(|_| true)))
        .exec(db)
        .await?;
    let recategorised = ids(|c| c.category_id.is_some());
    if let (Some(category_id), false) = (rule.category_id, recategorised.is_empty()) {
        update_owned::<transaction::Entity>(viewer)
            .col_expr(
                transaction::Column::CategoryId,
                Expr::value(Some(category_id)),
            )
            .filter(transaction::Column::Id.is_in(recategorised))
            .exec(db)
            .await?;
    }
    let renamed = ids(|c| c.rename_to.is_some());
    if let (Some(name), false) = (&rule.rename_to, renamed.is_empty()) {
        update_owned::<transaction::Entity>(viewer)
            .col_expr(transaction::Column::Description, Expr::value(name.clone()))
            .col_expr(
                transaction::Column::DescriptionKey,
                Expr::value(name.to_lowercase()),
            )
            .filter(transaction::Column::Id.is_in(renamed))
            .exec(db)
            .await?;
    }
    let tag_rows: Vec<transaction_tag::ActiveModel> = changes
        .iter()
        .flat_map(|c| {
            c.add_tags.iter().map(|tag| transaction_tag::ActiveModel {
                user_id: Set(viewer.user_id()),
                transaction_id: Set(c.transaction_id),
                tag: Set(tag.clone()),
            })
        })
        .collect();
    for chunk in tag_rows.chunks(300) {
        let keep = OnConflict::columns([
            transaction_tag::Column::TransactionId,
            transaction_tag::Column::Tag,
        ])
        .do_nothing()
        .to_owned();
        transaction_tag::Entity::insert_many(chunk.to_vec())
            .on_conflict(keep)
            .exec_without_returning(db)
            .await?;
    }
    for change in changes {
        let event = Event::by(viewer, Action::Updated)
            .entity("transaction", change.transaction_id)
            .reason("RULE_APPLIED");
        audit::record(db, event).await?;
    }
    let event = Event::by(viewer, Action::Updated)
        .entity("rule", rule.id)
        .reason("RULE_APPLIED");
    audit::record(db, event).await?;
    Ok(())
}
