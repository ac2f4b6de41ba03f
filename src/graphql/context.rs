//! What resolvers get from the context: the shared [`Services`] (schema data) and the
//! per-request [`RequestContext`] (the viewer and its dataloader).

use std::sync::Arc;

use async_graphql::Context;

use super::loaders::{RequestLoader, ScopedLoader};
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

/// One request's viewer and dataloader. The loader carries the viewer, so a batched lookup
/// is scoped exactly like a direct one; it caches what it loaded for this request only.
pub struct RequestContext {
    viewer: Option<Viewer>,
    pub(super) loader: Option<RequestLoader>,
}

impl RequestContext {
    /// The context of a request made by `viewer` (or anonymously).
    pub fn new(store: &Store, viewer: Option<Viewer>) -> Self {
        let loader = viewer.map(|v| ScopedLoader::for_request(store.clone(), v));
        Self { viewer, loader }
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
