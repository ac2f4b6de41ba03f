//! What resolvers get from the context: the shared [`Services`] (schema data) and the
//! per-request [`RequestContext`] (the viewer and its dataloaders).

use std::sync::Arc;

use async_graphql::Context;
use async_graphql::dataloader::DataLoader;

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
/// is scoped exactly like a direct one, and their cache dies with the request.
pub struct RequestContext {
    viewer: Option<Viewer>,
    pub(super) accounts: Option<DataLoader<AccountLoader>>,
    pub(super) categories: Option<DataLoader<CategoryLoader>>,
    pub(super) children: Option<DataLoader<ChildrenLoader>>,
    pub(super) account_totals: Option<DataLoader<AccountTotalLoader>>,
}

impl RequestContext {
    /// The context of a request made by `viewer` (or anonymously).
    pub fn new(store: &Store, viewer: Option<Viewer>) -> Self {
        let spawn = |future| tokio::spawn(future);
        Self {
            viewer,
            accounts: viewer.map(|v| DataLoader::new(AccountLoader::new(store.clone(), v), spawn)),
            categories: viewer
                .map(|v| DataLoader::new(CategoryLoader::new(store.clone(), v), spawn)),
            children: viewer.map(|v| DataLoader::new(ChildrenLoader::new(store.clone(), v), spawn)),
            account_totals: viewer
                .map(|v| DataLoader::new(AccountTotalLoader::new(store.clone(), v), spawn)),
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
