//! Writing rules: create (appended last), replace, delete, move. Each runs in one database
//! transaction that first locks the viewer's user row, so concurrent writes of one user's
//! rules take turns: the rule count cannot pass [`MAX_RULES`] and positions stay 0..n-1.

use chrono::Utc;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, DatabaseTransaction, EntityTrait, PaginatorTrait, QuerySelect,
};
use uuid::Uuid;

use super::stored::{Checked, check, to_rule};
use super::{MAX_RULES, Rule, RuleInput, all_in};
use crate::auth::Viewer;
use crate::error::{AppError, AppResult};
use crate::service::audit::{self, Action, Event};
use crate::service::entities::rule;
use crate::service::{
    Store, accounts, categories, delete_owned, lock_viewer, owned, update_owned_by_id,
};

/// Add a rule at the end of the viewer's order. `BAD_USER_INPUT` with a field for a bad
/// input or when the viewer has [`MAX_RULES`] already; `NOT_FOUND` for an account or
/// category that is not theirs.
#[tracing::instrument(skip_all)]
pub async fn create(store: &Store, viewer: &Viewer, input: RuleInput) -> AppResult<Rule> {
    let checked = check(&input)?;
    let txn = store.begin().await?;
    lock_viewer(&txn, viewer).await?;
    let count = owned::<rule::Entity>(viewer).count(&txn).await?;
    if count >= MAX_RULES as u64 {
        let message = format!("at most {MAX_RULES} rules; delete one first");
        return Err(AppError::bad_input("input", message));
    }
    ensure_references(&txn, viewer, &input).await?;
    let last: Option<Option<i32>> = owned::<rule::Entity>(viewer)
        .select_only()
        .column_as(rule::Column::Position.max(), "last")
        .into_tuple()
        .one(&txn)
        .await?;
    let position = last.flatten().map_or(0, |p| p.saturating_add(1));
    let id = Uuid::now_v7();
    let now = Utc::now();
    let row = active(
        checked,
        &input,
        rule::ActiveModel {
            id: Set(id),
            user_id: Set(viewer.user_id()),
            position: Set(position),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        },
    );
    let model = rule::Entity::insert(row).exec_with_returning(&txn).await?;
    audit::record(&txn, Event::by(viewer, Action::Created).entity("rule", id)).await?;
    txn.commit().await?;
    to_rule(model)
}

/// Replace a rule's conditions and actions (its place stays); `NOT_FOUND` if not theirs.
#[tracing::instrument(skip_all)]
pub async fn update(store: &Store, viewer: &Viewer, id: Uuid, input: RuleInput) -> AppResult<Rule> {
    let checked = check(&input)?;
    let txn = store.begin().await?;
    lock_viewer(&txn, viewer).await?;
    ensure_references(&txn, viewer, &input).await?;
    let row = active(
        checked,
        &input,
        rule::ActiveModel {
            updated_at: Set(Utc::now()),
            ..Default::default()
        },
    );
    let updated = update_owned_by_id::<rule::Entity>(viewer, id)
        .set(row)
        .exec(&txn)
        .await?;
    if updated.rows_affected == 0 {
        return Err(AppError::not_found("rule"));
    }
    audit::record(&txn, Event::by(viewer, Action::Updated).entity("rule", id)).await?;
    let rules = all_in(&txn, viewer).await?;
    txn.commit().await?;
    rules
        .into_iter()
        .find(|r| r.id == id)
        .ok_or(AppError::not_found("rule"))
}

/// Delete a rule; the ones after it move up. `NOT_FOUND` if it is not the viewer's.
#[tracing::instrument(skip_all)]
pub async fn delete(store: &Store, viewer: &Viewer, id: Uuid) -> AppResult<()> {
    let txn = store.begin().await?;
    lock_viewer(&txn, viewer).await?;
    let gone = delete_owned::<rule::Entity>(viewer, id).exec(&txn).await?;
    if gone.rows_affected == 0 {
        return Err(AppError::not_found("rule"));
    }
    renumber(&txn, viewer, all_in(&txn, viewer).await?).await?;
    audit::record(&txn, Event::by(viewer, Action::Deleted).entity("rule", id)).await?;
    txn.commit().await?;
    Ok(())
}

/// Move a rule to `position` (0-based; past the end means last); returns every rule in the
/// new order. `NOT_FOUND` if it is not the viewer's.
#[tracing::instrument(skip_all)]
pub async fn move_to(
    store: &Store,
    viewer: &Viewer,
    id: Uuid,
    position: i32,
) -> AppResult<Vec<Rule>> {
    if position < 0 {
        return Err(AppError::bad_input(
            "position",
            "position must be 0 or more",
        ));
    }
    let txn = store.begin().await?;
    lock_viewer(&txn, viewer).await?;
    let mut rules = all_in(&txn, viewer).await?;
    let Some(from) = rules.iter().position(|r| r.id == id) else {
        return Err(AppError::not_found("rule"));
    };
    let moving = rules.remove(from);
    let to = usize::try_from(position)
        .unwrap_or(usize::MAX)
        .min(rules.len());
    rules.insert(to, moving);
    let rules = renumber(&txn, viewer, rules).await?;
    let event = Event::by(viewer, Action::Updated)
        .entity("rule", id)
        .reason("RULE_MOVED");
    audit::record(&txn, event).await?;
    txn.commit().await?;
    Ok(rules)
}

/// Store positions 0..n-1 for `rules` in this order. Every row is written (at most
/// [`MAX_RULES`]): a rule deleted with its account or category left a gap that reads as
/// 0..n-1 but is not stored so.
async fn renumber(
    db: &DatabaseTransaction,
    viewer: &Viewer,
    mut rules: Vec<Rule>,
) -> AppResult<Vec<Rule>> {
    for (index, rule) in rules.iter_mut().enumerate() {
        let position = i32::try_from(index).unwrap_or(i32::MAX);
        update_owned_by_id::<rule::Entity>(viewer, rule.id)
            .col_expr(rule::Column::Position, Expr::value(position))
            .exec(db)
            .await?;
        rule.position = position;
    }
    Ok(rules)
}

/// The account and category a rule names must be the viewer's (`NOT_FOUND`).
async fn ensure_references(
    db: &DatabaseTransaction,
    viewer: &Viewer,
    input: &RuleInput,
) -> AppResult<()> {
    if let Some(id) = input.account_id
        && accounts::find(db, viewer, id).await?.is_none()
    {
        return Err(AppError::not_found("account"));
    }
    if let Some(id) = input.category_id {
        categories::ensure_owned(db, viewer, id).await?;
    }
    Ok(())
}

fn active(checked: Checked, input: &RuleInput, mut row: rule::ActiveModel) -> rule::ActiveModel {
    row.name = Set(checked.name);
    row.description_conditions = Set(checked.conditions);
    row.amount_min_e4 = Set(checked.amount_min_e4);
    row.amount_max_e4 = Set(checked.amount_max_e4);
    row.account_id = Set(input.account_id);
    row.category_id = Set(input.category_id);
    row.add_tags = Set(checked.add_tags);
    row.rename_to = Set(checked.rename_to);
    row
}
