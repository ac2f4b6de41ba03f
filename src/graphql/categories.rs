//! Categories as the API shows them: a two-level tree.

use std::collections::HashMap;

use async_graphql::{ComplexObject, Context, Enum, InputObject, Object, SimpleObject};

use super::context::{services, viewer};
use super::loaders;
use super::scalars::Uuid;
use crate::error::AppError;
use crate::service::categories::{self, CategoryKind as Kind};

/// Whether a category holds income or expenses.
#[derive(Enum, Clone, Copy, PartialEq, Eq)]
#[graphql(remote = "categories::CategoryKind")]
pub enum CategoryKind {
    Income,
    Expense,
}

/// A category; top-level ones have sub-categories (`children`).
#[derive(SimpleObject)]
#[graphql(complex)]
pub struct Category {
    pub id: Uuid,
    pub name: String,
    pub kind: CategoryKind,
    pub parent_id: Option<Uuid>,
    #[graphql(skip)]
    preloaded_children: Option<Vec<Category>>,
}

impl From<categories::Category> for Category {
    fn from(category: categories::Category) -> Self {
        Self {
            id: Uuid(category.id),
            name: category.name,
            kind: category.kind.into(),
            parent_id: category.parent_id.map(Uuid),
            preloaded_children: None,
        }
    }
}

#[ComplexObject]
impl Category {
    /// The category this one belongs to, for a sub-category.
    async fn parent(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Category>> {
        let Some(parent_id) = self.parent_id else {
            return Ok(None);
        };
        Ok(loaders::category(ctx, parent_id.0)
            .await?
            .map(Category::from))
    }

    /// The sub-categories, in display order.
    async fn children(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<Category>> {
        if let Some(children) = &self.preloaded_children {
            return Ok(children.iter().map(Category::shallow_clone).collect());
        }
        let children = loaders::children(ctx, self.id.0).await?;
        Ok(children.into_iter().map(Category::from).collect())
    }
}

impl Category {
    fn shallow_clone(&self) -> Self {
        Self {
            id: self.id,
            name: self.name.clone(),
            kind: self.kind,
            parent_id: self.parent_id,
            preloaded_children: Some(Vec::new()),
        }
    }
}

#[derive(Default)]
pub struct CategoryQuery;

#[Object]
impl CategoryQuery {
    /// The viewer's top-level categories, each with its sub-categories, in display order.
    async fn categories(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<Category>> {
        let viewer = viewer(ctx)?;
        let all = categories::list(&services(ctx).store, viewer).await?;
        Ok(tree(all))
    }
}

/// Arrange a flat list into top-level categories holding their children (two levels).
fn tree(all: Vec<categories::Category>) -> Vec<Category> {
    let mut children: HashMap<uuid::Uuid, Vec<Category>> = HashMap::new();
    let mut top = Vec::new();
    for category in all {
        match category.parent_id {
            Some(parent) => children.entry(parent).or_default().push(category.into()),
            None => top.push(Category::from(category)),
        }
    }
    for category in &mut top {
        let own = children.remove(&category.id.0).unwrap_or_default();
        category.preloaded_children = Some(
            own.into_iter()
                .map(|mut child| {
                    child.preloaded_children = Some(Vec::new());
                    child
                })
                .collect(),
        );
    }
    top
}

/// A new category: top-level with a `kind`, or under a top-level `parentId` (taking its kind).
#[derive(InputObject)]
pub struct CreateCategoryInput {
    /// 1–100 characters, unique among its siblings.
    pub name: String,
    /// Required for a top-level category; a sub-category has its parent's kind.
    pub kind: Option<CategoryKind>,
    pub parent_id: Option<Uuid>,
}

/// Changes to a category.
#[derive(InputObject)]
pub struct UpdateCategoryInput {
    pub name: Option<String>,
}

/// What deleting a category did.
#[derive(SimpleObject)]
pub struct DeleteCategoryPayload {
    /// The deleted category.
    pub id: Uuid,
    /// How many transactions were moved to `reassignTo` or left uncategorized.
    pub transactions_moved: i64,
}

#[derive(Default)]
pub struct CategoryMutation;

#[Object]
impl CategoryMutation {
    /// Add a category or sub-category.
    async fn create_category(
        &self,
        ctx: &Context<'_>,
        input: CreateCategoryInput,
    ) -> async_graphql::Result<Category> {
        let viewer = viewer(ctx)?;
        let new = categories::NewCategory {
            name: input.name,
            kind: input.kind.map(Kind::from),
            parent_id: input.parent_id.map(|id| id.0),
        };
        let written = loaders::after_write(
            ctx,
            categories::create(&services(ctx).store, viewer, new).await,
        )?;
        Ok(written.into())
    }

    /// Delete a category and its sub-categories (and their budgets). When transactions use
    /// them, say where those go: `reassignTo` another category of the same kind, or
    /// `clearTransactions: true` to leave them uncategorized; otherwise nothing is deleted.
    async fn delete_category(
        &self,
        ctx: &Context<'_>,
        id: Uuid,
        reassign_to: Option<Uuid>,
        clear_transactions: Option<bool>,
    ) -> async_graphql::Result<DeleteCategoryPayload> {
        let viewer = viewer(ctx)?;
        let reassign = match (reassign_to, clear_transactions.unwrap_or(false)) {
            (Some(_), true) => {
                return Err(AppError::bad_input(
                    "clearTransactions",
                    "Pass either reassignTo or clearTransactions, not both",
                )
                .into());
            }
            (Some(target), false) => categories::Reassign::To(target.0),
            (None, true) => categories::Reassign::Clear,
            (None, false) => categories::Reassign::Refuse,
        };
        let moved = loaders::after_write(
            ctx,
            categories::delete(&services(ctx).store, viewer, id.0, reassign).await,
        )?;
        Ok(DeleteCategoryPayload {
            id,
            transactions_moved: i64::try_from(moved).unwrap_or(i64::MAX),
        })
    }

    /// Rename a category.
    async fn update_category(
        &self,
        ctx: &Context<'_>,
        id: Uuid,
        input: UpdateCategoryInput,
    ) -> async_graphql::Result<Category> {
        let viewer = viewer(ctx)?;
        let patch = categories::CategoryPatch { name: input.name };
        let written = loaders::after_write(
            ctx,
            categories::update(&services(ctx).store, viewer, id.0, patch).await,
        )?;
        Ok(written.into())
    }
}
