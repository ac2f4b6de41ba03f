//! The request's dataloader: batches the per-row lookups of a response (each transaction's
//! account and category, a category's parent and children, a valued account's balance, a
//! transaction's tags) into one
//! scoped query per kind. One [`ScopedLoader`] per request carries the viewer, so a batched
//! lookup can never return another user's row, and its cache lives for one request only.
//! Each lookup has its own key newtype.

use std::collections::{HashMap, HashSet};
use std::hash::Hash;

use async_graphql::Context;
use async_graphql::dataloader::{DataLoader, HashMapCache, Loader};
use uuid::Uuid;

use crate::auth::Viewer;
use crate::error::{AppError, AppResult};
use crate::service::Store;
use crate::service::accounts::{self, Account};
use crate::service::categories::{self, Category};
use crate::service::transactions::tags;
use crate::service::valuations;

/// Key of the account lookup.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct AccountId(pub Uuid);

/// Key of the category lookup.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct CategoryId(pub Uuid);

/// Key of the sub-categories lookup: the parent's id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ParentId(pub Uuid);

/// Key of the valued-balance lookup: an investment or property account's latest valuation
/// plus the transactions after it, in minor units.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ValuedBalanceOf(pub Uuid);

/// Key of the tags lookup: the transaction's id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct TagsOf(pub Uuid);

/// The request's dataloader, with a cache per key type.
pub type RequestLoader = DataLoader<ScopedLoader, HashMapCache>;

/// Loads the viewer's rows by key, through the scoped services.
pub struct ScopedLoader {
    store: Store,
    viewer: Viewer,
}

impl ScopedLoader {
    /// The request's loader for `viewer`.
    pub fn for_request(store: Store, viewer: Viewer) -> RequestLoader {
        let spawn = |future| tokio::spawn(future);
        DataLoader::with_cache(Self { store, viewer }, spawn, HashMapCache::default())
    }
}

fn ids<K>(keys: &[K], id: fn(&K) -> Uuid) -> Vec<Uuid> {
    keys.iter().map(id).collect()
}

impl Loader<AccountId> for ScopedLoader {
    type Value = Account;
    type Error = async_graphql::Error;

    async fn load(&self, keys: &[AccountId]) -> Result<HashMap<AccountId, Account>, Self::Error> {
        let rows = accounts::by_ids(&self.store, &self.viewer, &ids(keys, |k| k.0)).await?;
        Ok(rows.into_iter().map(|a| (AccountId(a.id), a)).collect())
    }
}

impl Loader<CategoryId> for ScopedLoader {
    type Value = Category;
    type Error = async_graphql::Error;

    async fn load(
        &self,
        keys: &[CategoryId],
    ) -> Result<HashMap<CategoryId, Category>, Self::Error> {
        let rows = categories::by_ids(&self.store, &self.viewer, &ids(keys, |k| k.0)).await?;
        Ok(rows.into_iter().map(|c| (CategoryId(c.id), c)).collect())
    }
}

impl Loader<ParentId> for ScopedLoader {
    type Value = Vec<Category>;
    type Error = async_graphql::Error;

    async fn load(
        &self,
        keys: &[ParentId],
    ) -> Result<HashMap<ParentId, Vec<Category>>, Self::Error> {
        let rows = categories::children_of(&self.store, &self.viewer, &ids(keys, |k| k.0)).await?;
        let mut children: HashMap<ParentId, Vec<Category>> =
            keys.iter().map(|k| (*k, Vec::new())).collect();
        for child in rows {
            if let Some(parent) = child.parent_id {
                children.entry(ParentId(parent)).or_default().push(child);
            }
        }
        Ok(children)
    }
}

impl Loader<ValuedBalanceOf> for ScopedLoader {
    type Value = i128;
    type Error = async_graphql::Error;

    async fn load(
        &self,
        keys: &[ValuedBalanceOf],
    ) -> Result<HashMap<ValuedBalanceOf, i128>, Self::Error> {
        let ids = ids(keys, |k| k.0);
        let values = valuations::current_values(&self.store, &self.viewer, &ids).await?;
        Ok(values
            .into_iter()
            .map(|(id, value)| (ValuedBalanceOf(id), value))
            .collect())
    }
}

impl Loader<TagsOf> for ScopedLoader {
    type Value = Vec<String>;
    type Error = async_graphql::Error;

    async fn load(&self, keys: &[TagsOf]) -> Result<HashMap<TagsOf, Vec<String>>, Self::Error> {
        let mut found = tags::of(&self.store, &self.viewer, &ids(keys, |k| k.0)).await?;
        Ok(keys
            .iter()
            .map(|k| (*k, found.remove(&k.0).unwrap_or_default()))
            .collect())
    }
}

/// The request's loader; `UNAUTHENTICATED` for an anonymous request.
fn loader<'a>(ctx: &Context<'a>) -> Result<&'a RequestLoader, AppError> {
    ctx.data::<RequestLoader>()
        .map_err(|_| AppError::Unauthenticated("Log in to see this"))
}

/// The outcome of a mutation's service write, passed through. Once a write succeeded, what
/// the request's loaders cached is forgotten, so the fields of a later mutation in the same
/// document never see rows as they were before it. Every mutation that changes user data
/// hands its write's outcome through here.
pub fn after_write<T>(ctx: &Context<'_>, outcome: AppResult<T>) -> AppResult<T> {
    if outcome.is_ok() {
        forget(ctx);
    }
    outcome
}

/// Drop everything the request's loader has cached.
fn forget(ctx: &Context<'_>) {
    forget_in(loader(ctx).ok());
}

/// The request's loader, if the request has a viewer (a subscription keeps it to clear it
/// before each event: [`forget_in`]).
pub fn of_request<'a>(ctx: &Context<'a>) -> Option<&'a RequestLoader> {
    loader(ctx).ok()
}

/// Drop everything `loader` has cached.
pub fn forget_in(loader: Option<&RequestLoader>) {
    if let Some(loader) = loader {
        loader.clear::<AccountId>();
        loader.clear::<CategoryId>();
        loader.clear::<ParentId>();
        loader.clear::<ValuedBalanceOf>();
        loader.clear::<TagsOf>();
    }
}

/// The viewer's account with this id.
pub async fn account(ctx: &Context<'_>, id: Uuid) -> async_graphql::Result<Option<Account>> {
    loader(ctx)?.load_one(AccountId(id)).await
}

/// The viewer's category with this id.
pub async fn category(ctx: &Context<'_>, id: Uuid) -> async_graphql::Result<Option<Category>> {
    loader(ctx)?.load_one(CategoryId(id)).await
}

/// The sub-categories of the viewer's category `id`.
pub async fn children(ctx: &Context<'_>, id: Uuid) -> async_graphql::Result<Vec<Category>> {
    Ok(loader(ctx)?
        .load_one(ParentId(id))
        .await?
        .unwrap_or_default())
}

/// The current value of the viewer's investment or property account `id` from its latest
/// valuation, in minor units; `None` if it has no valuation.
pub async fn valued_balance(ctx: &Context<'_>, id: Uuid) -> async_graphql::Result<Option<i128>> {
    loader(ctx)?.load_one(ValuedBalanceOf(id)).await
}

/// The tags of the viewer's transaction `id`.
pub async fn tags(ctx: &Context<'_>, id: Uuid) -> async_graphql::Result<Vec<String>> {
    Ok(loader(ctx)?.load_one(TagsOf(id)).await?.unwrap_or_default())
}

/// Load the tags of these transactions in one query now, into the request's cache.
pub async fn prime_tags(ctx: &Context<'_>, ids: Vec<Uuid>) -> async_graphql::Result<()> {
    prime(loader(ctx)?, ids.into_iter().map(TagsOf))
        .await
        .map(|_| ())
}

/// Load these accounts in one query now and put them in the request's cache, so each
/// row's lookup is a cache hit (no batching window to wait for).
pub async fn prime_accounts(ctx: &Context<'_>, ids: Vec<Uuid>) -> async_graphql::Result<()> {
    prime(loader(ctx)?, ids.into_iter().map(AccountId))
        .await
        .map(|_| ())
}

/// Load these categories in one query now, into the request's cache; returns them.
pub async fn prime_categories(
    ctx: &Context<'_>,
    ids: Vec<Uuid>,
) -> async_graphql::Result<Vec<Category>> {
    prime(loader(ctx)?, ids.into_iter().map(CategoryId)).await
}

async fn prime<K>(
    loader: &RequestLoader,
    keys: impl Iterator<Item = K>,
) -> async_graphql::Result<Vec<<ScopedLoader as Loader<K>>::Value>>
where
    K: Send + Sync + Hash + Eq + Clone + 'static,
    ScopedLoader: Loader<K, Error = async_graphql::Error>,
{
    let keys: Vec<K> = keys.collect::<HashSet<_>>().into_iter().collect();
    if keys.is_empty() {
        return Ok(Vec::new());
    }
    let found = loader.loader().load(&keys).await?;
    let values = found.values().cloned().collect();
    loader.feed_many(found).await;
    Ok(values)
}
