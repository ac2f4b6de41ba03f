//! Creating and renaming categories. The tree has two levels: a sub-category's parent must
//! be a top-level category of the same user, and a sub-category has its parent's kind.
//! Names are unique among siblings.

use chrono::Utc;
use sea_orm::sea_query::Condition;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use uuid::Uuid;

use super::{Category, CategoryKind, find, row, to_category};
use crate::auth::Viewer;
use crate::error::{AppError, AppResult};
use crate::service::audit::{self, Action, Event};
use crate::service::entities::category;
use crate::service::{self, Store, constraints, owned, text, update_owned_by_id};

/// Longest category name, in characters.
pub const MAX_NAME_CHARS: usize = 100;

/// A new category: top-level (with a kind) or under a top-level parent.
pub struct NewCategory {
    pub name: String,
    pub kind: Option<CategoryKind>,
    pub parent_id: Option<Uuid>,
}

/// Changes to a category.
#[derive(Default)]
pub struct CategoryPatch {
    pub name: Option<String>,
}

/// Create a category for the viewer, placed after its siblings.
#[tracing::instrument(skip_all)]
pub async fn create(store: &Store, viewer: &Viewer, input: NewCategory) -> AppResult<Category> {
    let db = store.conn();
    let name = text::required_line("input.name", &input.name, MAX_NAME_CHARS)?;
    let (parent_id, kind) = placement(db, viewer, input.parent_id, input.kind).await?;
    ensure_name_free(db, viewer, parent_id, &name, None).await?;
    let last = siblings(viewer, parent_id)
        .order_by_desc(category::Column::Position)
        .one(db)
        .await?;
    let position = last.map_or(0, |c| c.position.saturating_add(1));
    let new = row(
        viewer.user_id(),
        Uuid::now_v7(),
        parent_id,
        &name,
        kind,
        position,
        Utc::now(),
    );
    let txn = store.begin().await?;
    let inserted = category::Entity::insert(new)
        .exec_with_returning(&txn)
        .await
        .map_err(name_conflict);
    let model = match inserted {
        Ok(model) => model,
        Err(err) => {
            // The failed statement ends the transaction (PostgreSQL); ask outside it.
            txn.rollback().await?;
            return Err(service::missing_reference(db, viewer, err, "category").await);
        }
    };
    audit::record(
        &txn,
        Event::by(viewer, Action::Created).entity("category", model.id),
    )
    .await?;
    txn.commit().await?;
    Ok(to_category(model))
}

/// Rename a category of the viewer; `NOT_FOUND` if it is not theirs. A patch without a
/// name changes nothing, and writes nothing to the audit log.
#[tracing::instrument(skip_all)]
pub async fn update(
    store: &Store,
    viewer: &Viewer,
    id: Uuid,
    patch: CategoryPatch,
) -> AppResult<Category> {
    let db = store.conn();
    let current = find(db, viewer, id)
        .await?
        .ok_or(AppError::not_found("category"))?;
    let Some(name) = patch.name else {
        return Ok(current);
    };
    let name = text::required_line("input.name", &name, MAX_NAME_CHARS)?;
    ensure_name_free(db, viewer, current.parent_id, &name, Some(id)).await?;
    let txn = store.begin().await?;
    let renamed = update_owned_by_id::<category::Entity>(viewer, id)
        .col_expr(category::Column::Name, name.clone().into())
        .col_expr(category::Column::UpdatedAt, Utc::now().into())
        .exec(&txn)
        .await
        .map_err(name_conflict)?;
    if renamed.rows_affected == 0 {
        return Err(AppError::not_found("category"));
    }
    audit::record(
        &txn,
        Event::by(viewer, Action::Updated).entity("category", id),
    )
    .await?;
    txn.commit().await?;
    Ok(Category { name, ..current })
}

/// Where a new category goes and its kind: under a top-level parent of the viewer (taking
/// its kind), or at the top with the given kind.
async fn placement(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    parent_id: Option<Uuid>,
    kind: Option<CategoryKind>,
) -> AppResult<(Option<Uuid>, CategoryKind)> {
    let Some(parent_id) = parent_id else {
        let kind = kind.ok_or_else(|| {
            AppError::bad_input(
                "input.kind",
                "A top-level category needs a kind: INCOME or EXPENSE",
            )
        })?;
        return Ok((None, kind));
    };
    let parent = find(db, viewer, parent_id)
        .await?
        .ok_or(AppError::not_found("category"))?;
    if parent.parent_id.is_some() {
        return Err(AppError::bad_input(
            "input.parentId",
            "Categories have two levels: a sub-category cannot have sub-categories",
        ));
    }
    if kind.is_some_and(|kind| kind != parent.kind) {
        return Err(AppError::bad_input(
            "input.kind",
            "A sub-category has the kind of its parent",
        ));
    }
    Ok((Some(parent.id), parent.kind))
}

fn siblings(viewer: &Viewer, parent_id: Option<Uuid>) -> sea_orm::Select<category::Entity> {
    let parent = match parent_id {
        Some(id) => Condition::all().add(category::Column::ParentId.eq(id)),
        None => Condition::all().add(category::Column::ParentId.is_null()),
    };
    owned::<category::Entity>(viewer).filter(parent)
}

/// `CONFLICT` if a sibling (other than `except`) already has this name.
async fn ensure_name_free(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    parent_id: Option<Uuid>,
    name: &str,
    except: Option<Uuid>,
) -> AppResult<()> {
    let mut same_name = siblings(viewer, parent_id).filter(category::Column::Name.eq(name));
    if let Some(id) = except {
        same_name = same_name.filter(category::Column::Id.ne(id));
    }
    service::ensure_name_free(db, same_name, name_taken).await
}

fn name_taken() -> AppError {
    AppError::Conflict {
        field: "input.name",
        message: "A category with this name already exists here".to_owned(),
    }
}

fn name_conflict(err: sea_orm::DbErr) -> AppError {
    let indexes = [
        &constraints::CATEGORY_NAMES,
        &constraints::TOP_CATEGORY_NAMES,
    ];
    service::name_conflict(err, &indexes, name_taken)
}
