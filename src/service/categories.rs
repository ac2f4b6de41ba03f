//! Categories: each user's own two-level tree (category → sub-category), seeded at sign-up
//! with a set modelled on the original app's, and freely editable afterwards.

use std::collections::HashSet;

use chrono::{DateTime, Utc};
use sea_orm::sea_query::Condition;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
};
use uuid::Uuid;

use super::entities::category;
use super::{Store, owned, owned_by_id};
use crate::auth::Viewer;
use crate::error::{AppError, AppResult};

mod delete;
mod edit;
pub use delete::{Reassign, delete};
pub use edit::{CategoryPatch, NewCategory, create, update};

/// Income or expense.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CategoryKind {
    Income,
    Expense,
}

impl CategoryKind {
    /// The kind stored as `INCOME` or `EXPENSE`.
    pub(in crate::service) fn from_stored(stored: &str) -> Self {
        if stored == "INCOME" {
            Self::Income
        } else {
            Self::Expense
        }
    }

    pub(super) fn as_str(self) -> &'static str {
        match self {
            Self::Income => "INCOME",
            Self::Expense => "EXPENSE",
        }
    }
}

/// A category of the viewer.
#[derive(Debug, Clone)]
pub struct Category {
    pub id: Uuid,
    pub parent_id: Option<Uuid>,
    pub name: String,
    pub kind: CategoryKind,
    pub position: i32,
}

/// The default set: top-level categories and their sub-categories.
pub const DEFAULTS: &[(&str, CategoryKind, &[&str])] = &[
    (
        "Income",
        CategoryKind::Income,
        &["Salary", "Bonus", "Investment income", "Other income"],
    ),
    (
        "Housing",
        CategoryKind::Expense,
        &[
            "Rent",
            "Mortgage",
            "Utilities",
            "Home insurance",
            "Maintenance",
        ],
    ),
    (
        "Personal fixed costs",
        CategoryKind::Expense,
        &["Phone & internet", "Subscriptions", "Insurance", "Gym"],
    ),
    (
        "Personal running costs",
        CategoryKind::Expense,
        &[
            "Groceries",
            "Restaurants",
            "Transport",
            "Shopping",
            "Health",
            "Entertainment",
        ],
    ),
    (
        "Travel",
        CategoryKind::Expense,
        &["Flights", "Accommodation", "Activities"],
    ),
];

/// All the viewer's categories, parents and children, in display order.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn list(store: &Store, viewer: &Viewer) -> AppResult<Vec<Category>> {
    let rows = owned::<category::Entity>(viewer)
        .order_by_asc(category::Column::Position)
        .order_by_asc(category::Column::Name)
        .all(store.conn())
        .await?;
    Ok(rows.into_iter().map(to_category).collect())
}

/// The viewer's categories among `ids` (for the dataloader).
#[tracing::instrument(level = "debug", skip_all)]
pub async fn by_ids(store: &Store, viewer: &Viewer, ids: &[Uuid]) -> AppResult<Vec<Category>> {
    let rows = owned::<category::Entity>(viewer)
        .filter(category::Column::Id.is_in(ids.iter().copied()))
        .all(store.conn())
        .await?;
    Ok(rows.into_iter().map(to_category).collect())
}

/// The sub-categories of the viewer's categories `parent_ids`, in display order.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn children_of(
    store: &Store,
    viewer: &Viewer,
    parent_ids: &[Uuid],
) -> AppResult<Vec<Category>> {
    let rows = owned::<category::Entity>(viewer)
        .filter(category::Column::ParentId.is_in(parent_ids.iter().copied()))
        .order_by_asc(category::Column::Position)
        .order_by_asc(category::Column::Name)
        .all(store.conn())
        .await?;
    Ok(rows.into_iter().map(to_category).collect())
}

/// One category of the viewer, if it is theirs.
pub(super) async fn find(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    id: Uuid,
) -> AppResult<Option<Category>> {
    Ok(owned_by_id::<category::Entity>(viewer, id)
        .one(db)
        .await?
        .map(to_category))
}

/// The given categories of the viewer and all their sub-categories: filtering by a parent
/// includes its children. Ids that are not the viewer's are dropped.
pub(super) async fn with_children(
    store: &Store,
    viewer: &Viewer,
    ids: &[Uuid],
) -> AppResult<Vec<Uuid>> {
    let ids: Vec<Uuid> = ids
        .iter()
        .copied()
        .collect::<HashSet<_>>()
        .into_iter()
        .collect();
    let rows = owned::<category::Entity>(viewer)
        .filter(
            Condition::any()
                .add(category::Column::Id.is_in(ids.clone()))
                .add(category::Column::ParentId.is_in(ids)),
        )
        .all(store.conn())
        .await?;
    Ok(rows.into_iter().map(|row| row.id).collect())
}

/// Seed the default categories of a user being signed up (inside the sign-up transaction).
pub(super) async fn create_defaults(
    db: &impl ConnectionTrait,
    user_id: Uuid,
    now: DateTime<Utc>,
) -> AppResult<()> {
    let mut rows = Vec::new();
    for (position, (name, kind, children)) in (0..).zip(DEFAULTS) {
        let parent_id = Uuid::now_v7();
        rows.push(row(user_id, parent_id, None, name, *kind, position, now));
        for (child_position, child) in (0..).zip(children.iter()) {
            let id = Uuid::now_v7();
            rows.push(row(
                user_id,
                id,
                Some(parent_id),
                child,
                *kind,
                child_position,
                now,
            ));
        }
    }
    category::Entity::insert_many(rows)
        .exec_without_returning(db)
        .await?;
    Ok(())
}

fn row(
    user_id: Uuid,
    id: Uuid,
    parent_id: Option<Uuid>,
    name: &str,
    kind: CategoryKind,
    position: i32,
    now: DateTime<Utc>,
) -> category::ActiveModel {
    category::ActiveModel {
        id: Set(id),
        user_id: Set(user_id),
        parent_id: Set(parent_id),
        name: Set(name.to_owned()),
        kind: Set(kind.as_str().to_owned()),
        position: Set(position),
        created_at: Set(now),
        updated_at: Set(now),
    }
}

pub(super) fn to_category(model: category::Model) -> Category {
    Category {
        id: model.id,
        parent_id: model.parent_id,
        kind: CategoryKind::from_stored(&model.kind),
        name: model.name,
        position: model.position,
    }
}

/// `NOT_FOUND` unless the category is the viewer's.
pub(super) async fn ensure_owned(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    id: Uuid,
) -> AppResult<()> {
    find(db, viewer, id)
        .await?
        .map(|_| ())
        .ok_or(AppError::not_found("category"))
}
