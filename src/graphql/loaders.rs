//! Dataloaders: batch the per-row lookups of a response (each transaction's account and
//! category) into one scoped query per kind. Created per request with the viewer, so a
//! loader can never return another user's row, and its cache lives for one request only.

use std::collections::HashMap;

use async_graphql::Context;

use super::context::request;
use crate::auth::Viewer;
use crate::error::AppError;
use crate::service::Store;
use crate::service::accounts::{self, Account};
use crate::service::categories::{self, Category};

/// Key of the account lookup.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct AccountId(pub uuid::Uuid);

/// Key of the category lookup.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct CategoryId(pub uuid::Uuid);

/// Loads the viewer's accounts by id.
pub struct AccountLoader {
    store: Store,
    viewer: Viewer,
}

impl AccountLoader {
    /// A loader for `viewer`'s rows.
    pub fn new(store: Store, viewer: Viewer) -> Self {
        Self { store, viewer }
    }
}

impl async_graphql::dataloader::Loader<AccountId> for AccountLoader {
    type Value = Account;
    type Error = async_graphql::Error;

    async fn load(&self, keys: &[AccountId]) -> Result<HashMap<AccountId, Account>, Self::Error> {
        let ids: Vec<_> = keys.iter().map(|k| k.0).collect();
        let rows = accounts::by_ids(&self.store, &self.viewer, &ids).await?;
        Ok(rows.into_iter().map(|a| (AccountId(a.id), a)).collect())
    }
}

/// Loads the viewer's categories by id.
pub struct CategoryLoader {
    store: Store,
    viewer: Viewer,
}

impl CategoryLoader {
    /// A loader for `viewer`'s rows.
    pub fn new(store: Store, viewer: Viewer) -> Self {
        Self { store, viewer }
    }
}

impl async_graphql::dataloader::Loader<CategoryId> for CategoryLoader {
    type Value = Category;
    type Error = async_graphql::Error;

    async fn load(
        &self,
        keys: &[CategoryId],
    ) -> Result<HashMap<CategoryId, Category>, Self::Error> {
        let ids: Vec<_> = keys.iter().map(|k| k.0).collect();
        let rows = categories::by_ids(&self.store, &self.viewer, &ids).await?;
        Ok(rows.into_iter().map(|c| (CategoryId(c.id), c)).collect())
    }
}

/// Load these accounts in one batch now, so that each row's lookup is a cache hit.
pub async fn prime_accounts(ctx: &Context<'_>, ids: Vec<uuid::Uuid>) -> async_graphql::Result<()> {
    let loader = request(ctx)?
        .accounts
        .as_ref()
        .ok_or(AppError::Unauthenticated("Log in to see this"))?;
    loader.load_many(ids.into_iter().map(AccountId)).await?;
    Ok(())
}

/// Load these categories in one batch now; returns them.
pub async fn prime_categories(
    ctx: &Context<'_>,
    ids: Vec<uuid::Uuid>,
) -> async_graphql::Result<Vec<Category>> {
    let loader = request(ctx)?
        .categories
        .as_ref()
        .ok_or(AppError::Unauthenticated("Log in to see this"))?;
    Ok(loader
        .load_many(ids.into_iter().map(CategoryId))
        .await?
        .into_values()
        .collect())
}

/// The viewer's account with this id, through the request's loader.
pub async fn account(ctx: &Context<'_>, id: uuid::Uuid) -> async_graphql::Result<Option<Account>> {
    let loader = request(ctx)?
        .accounts
        .as_ref()
        .ok_or(AppError::Unauthenticated("Log in to see this"))?;
    loader.load_one(AccountId(id)).await
}

/// The viewer's category with this id, through the request's loader.
pub async fn category(
    ctx: &Context<'_>,
    id: uuid::Uuid,
) -> async_graphql::Result<Option<Category>> {
    let loader = request(ctx)?
        .categories
        .as_ref()
        .ok_or(AppError::Unauthenticated("Log in to see this"))?;
    loader.load_one(CategoryId(id)).await
}

/// Key of the sub-categories lookup: the parent's id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ParentId(pub uuid::Uuid);

/// Loads the sub-categories of the viewer's categories.
pub struct ChildrenLoader {
    store: Store,
    viewer: Viewer,
}

impl ChildrenLoader {
    /// A loader for `viewer`'s rows.
    pub fn new(store: Store, viewer: Viewer) -> Self {
        Self { store, viewer }
    }
}

impl async_graphql::dataloader::Loader<ParentId> for ChildrenLoader {
    type Value = Vec<Category>;
    type Error = async_graphql::Error;

    async fn load(
        &self,
        keys: &[ParentId],
    ) -> Result<HashMap<ParentId, Vec<Category>>, Self::Error> {
        let ids: Vec<_> = keys.iter().map(|k| k.0).collect();
        let mut children: HashMap<ParentId, Vec<Category>> =
            keys.iter().map(|k| (*k, Vec::new())).collect();
        for child in categories::children_of(&self.store, &self.viewer, &ids).await? {
            if let Some(parent) = child.parent_id {
                children.entry(ParentId(parent)).or_default().push(child);
            }
        }
        Ok(children)
    }
}

/// The sub-categories of the viewer's category `id`, through the request's loader.
pub async fn children(ctx: &Context<'_>, id: uuid::Uuid) -> async_graphql::Result<Vec<Category>> {
    let loader = request(ctx)?
        .children
        .as_ref()
        .ok_or(AppError::Unauthenticated("Log in to see this"))?;
    Ok(loader.load_one(ParentId(id)).await?.unwrap_or_default())
}

/// Key of the account-total lookup.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct AccountTotalOf(pub uuid::Uuid);

/// Loads the sum of transactions (minor units) of the viewer's accounts.
pub struct AccountTotalLoader {
    store: Store,
    viewer: Viewer,
}

impl AccountTotalLoader {
    /// A loader for `viewer`'s rows.
    pub fn new(store: Store, viewer: Viewer) -> Self {
        Self { store, viewer }
    }
}

impl async_graphql::dataloader::Loader<AccountTotalOf> for AccountTotalLoader {
    type Value = i64;
    type Error = async_graphql::Error;

    async fn load(
        &self,
        keys: &[AccountTotalOf],
    ) -> Result<HashMap<AccountTotalOf, i64>, Self::Error> {
        let ids: Vec<_> = keys.iter().map(|k| k.0).collect();
        let totals = accounts::transaction_totals(&self.store, &self.viewer, &ids).await?;
        Ok(keys
            .iter()
            .map(|k| (*k, totals.get(&k.0).copied().unwrap_or(0)))
            .collect())
    }
}

/// The sum of the transactions of the viewer's account `id`, in minor units.
pub async fn account_total(ctx: &Context<'_>, id: uuid::Uuid) -> async_graphql::Result<i64> {
    let loader = request(ctx)?
        .account_totals
        .as_ref()
        .ok_or(AppError::Unauthenticated("Log in to see this"))?;
    Ok(loader.load_one(AccountTotalOf(id)).await?.unwrap_or(0))
}
