//! Dataloaders: batch the per-row lookups of a response (each transaction's account and
//! category) into one scoped query per kind. Created per request with the viewer, so a
//! loader can never return another user's row, and its cache lives for one request only.

use std::collections::HashMap;

use async_graphql::Context;

use async_graphql::dataloader::{DataLoader, HashMapCache, Loader};

use super::context::{RequestContext, request};
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

/// Load these accounts in one query now and put them in the request's cache, so each
/// row's lookup is a cache hit (no batching window to wait for).
pub async fn prime_accounts(ctx: &Context<'_>, ids: Vec<uuid::Uuid>) -> async_graphql::Result<()> {
    let loader = loader(ctx, |r| r.accounts.as_ref())?;
    prime(loader, ids.into_iter().map(AccountId))
        .await
        .map(|_| ())
}

/// Load these categories in one query now, into the request's cache; returns them.
pub async fn prime_categories(
    ctx: &Context<'_>,
    ids: Vec<uuid::Uuid>,
) -> async_graphql::Result<Vec<Category>> {
    let loader = loader(ctx, |r| r.categories.as_ref())?;
    prime(loader, ids.into_iter().map(CategoryId)).await
}

async fn prime<K, L>(
    loader: &DataLoader<L, HashMapCache>,
    keys: impl Iterator<Item = K>,
) -> async_graphql::Result<Vec<L::Value>>
where
    K: Send + Sync + std::hash::Hash + Eq + Clone + 'static,
    L: Loader<K, Error = async_graphql::Error>,
{
    let keys: Vec<K> = keys
        .collect::<std::collections::HashSet<_>>()
        .into_iter()
        .collect();
    if keys.is_empty() {
        return Ok(Vec::new());
    }
    let found = loader.loader().load(&keys).await?;
    let values = found.values().cloned().collect();
    loader.feed_many(found).await;
    Ok(values)
}

/// The request's loader picked by `pick`; `UNAUTHENTICATED` for an anonymous request.
fn loader<'a, L>(
    ctx: &Context<'a>,
    pick: fn(&'a RequestContext) -> Option<&'a L>,
) -> Result<&'a L, AppError> {
    pick(request(ctx)?).ok_or(AppError::Unauthenticated("Log in to see this"))
}

/// The viewer's account with this id, through the request's loader.
pub async fn account(ctx: &Context<'_>, id: uuid::Uuid) -> async_graphql::Result<Option<Account>> {
    let loader = loader(ctx, |r| r.accounts.as_ref())?;
    loader.load_one(AccountId(id)).await
}

/// The viewer's category with this id, through the request's loader.
pub async fn category(
    ctx: &Context<'_>,
    id: uuid::Uuid,
) -> async_graphql::Result<Option<Category>> {
    let loader = loader(ctx, |r| r.categories.as_ref())?;
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
    let loader = loader(ctx, |r| r.children.as_ref())?;
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
    let loader = loader(ctx, |r| r.account_totals.as_ref())?;
    Ok(loader.load_one(AccountTotalOf(id)).await?.unwrap_or(0))
}
