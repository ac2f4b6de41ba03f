//! What resolvers get from the context: the shared [`Services`] (schema data) and the
//! per-request [`RequestContext`] (the viewer and its dataloaders).

use std::sync::Arc;

use async_graphql::Context;
use async_graphql::dataloader::{DataLoader, HashMapCache};

use super::loaders::{AccountLoader, AccountTotalLoader, CategoryLoader, ChildrenLoader};
use crate::auth::{PasswordHasher, TokenKeys, Viewer};
use crate::error::AppError;
use crate::service::Store;

/// Shared by every request: the store, the password hasher and the token keys.
#[derive(Clone)]
pub struct Services {
    pub store: Store,
    pub hasher: Arc<PasswordHasher>,
    pub tokens: Arc<TokenKeys>,
}

/// One request's viewer and dataloaders. The loaders carry the viewer, so a batched lookup
/// is scoped exactly like a direct one; they cache what they loaded for this request only.
pub struct RequestContext {
    viewer: Option<Viewer>,
    pub(super) accounts: Option<DataLoader<AccountLoader, HashMapCache>>,
    pub(super) categories: Option<DataLoader<CategoryLoader, HashMapCache>>,
    pub(super) children: Option<DataLoader<ChildrenLoader, HashMapCache>>,
    pub(super) account_totals: Option<DataLoader<AccountTotalLoader, HashMapCache>>,
}

impl RequestContext {
    /// The context of a request made by `viewer` (or anonymously).
    pub fn new(store: &Store, viewer: Option<Viewer>) -> Self {
        let spawn = |future| tokio::spawn(future);
        Self {
            viewer,
            accounts: viewer.map(|v| {
                DataLoader::with_cache(
                    AccountLoader::new(store.clone(), v),
                    spawn,
                    HashMapCache::default(),
                )
            }),
            categories: viewer.map(|v| {
                DataLoader::with_cache(
                    CategoryLoader::new(store.clone(), v),
                    spawn,
                    HashMapCache::default(),
                )
            }),
            children: viewer.map(|v| {
                DataLoader::with_cache(
                    ChildrenLoader::new(store.clone(), v),
                    spawn,
                    HashMapCache::default(),
                )
            }),
            account_totals: viewer.map(|v| {
                DataLoader::with_cache(
                    AccountTotalLoader::new(store.clone(), v),
                    spawn,
                    HashMapCache::default(),
                )
            }),
        }
    }
}

/// The shared services.
pub fn services<'a>(ctx: &Context<'a>) -> &'a Services {
    ctx.data_unchecked::<Services>()
}

/// The viewer, or `UNAUTHENTICATED` for an anonymous request.
pub fn viewer<'a>(ctx: &Context<'a>) -> Result<&'a Viewer, AppError> {
    request(ctx)?
        .viewer
        .as_ref()
        .ok_or(AppError::Unauthenticated("Log in to see this"))
}

pub(super) fn request<'a>(ctx: &Context<'a>) -> Result<&'a RequestContext, AppError> {
    ctx.data::<RequestContext>()
        .map_err(|_| AppError::internal(anyhow::anyhow!("request context missing")))
}
