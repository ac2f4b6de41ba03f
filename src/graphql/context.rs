//! What resolvers get from the context: the shared [`Services`] (schema data) and the
//! per-request [`RequestContext`] (the viewer and its dataloader).

use std::sync::Arc;

use async_graphql::Context;

use super::loaders::{RequestLoader, ScopedLoader};
use crate::auth::{AuthGate, Caller, ClientInfo, PasswordHasher, TokenKeys, Viewer};
use crate::error::AppError;
use crate::service::Store;
use crate::service::sessions::SessionSettings;
use crate::service::users::LockoutPolicy;

/// Shared by every request: the store, the password hasher, the token keys and gate, and
/// the session and lockout rules.
#[derive(Clone)]
pub struct Services {
    pub store: Store,
    pub hasher: Arc<PasswordHasher>,
    pub tokens: Arc<TokenKeys>,
    pub gate: Arc<AuthGate>,
    pub sessions: SessionSettings,
    pub lockout: LockoutPolicy,
}

/// One request's viewer, client and dataloader. The loader carries the viewer, so a batched
/// lookup is scoped exactly like a direct one; it caches what it loaded for this request only.
/// [`RequestContext::attach`] hands both to a GraphQL request.
pub struct RequestContext {
    viewer: Option<Viewer>,
    client: Arc<ClientInfo>,
    loader: Option<RequestLoader>,
    headers: RequestHeaders,
}

/// The request headers resolvers may read: the refresh cookie lives in `Cookie`, and
/// whether it may be `Secure` depends on `Host`.
#[derive(Debug, Default)]
pub struct RequestHeaders {
    pub cookie: Option<String>,
    pub host: Option<String>,
}

impl RequestContext {
    /// The context of a request from `caller`.
    pub fn new(store: &Store, caller: Caller) -> Self {
        let loader = caller
            .viewer
            .clone()
            .map(|v| ScopedLoader::for_request(store.clone(), v));
        Self {
            viewer: caller.viewer,
            client: caller.client,
            loader,
            headers: RequestHeaders::default(),
        }
    }

    /// `request` with this context, and the viewer's loader (an anonymous request has none),
    /// as its data.
    pub fn attach(mut self, request: async_graphql::Request) -> async_graphql::Request {
        let request = match self.loader.take() {
            Some(loader) => request.data(loader),
            None => request,
        };
        request.data(self)
    }

    /// This context with the headers resolvers may read, taken from `headers`.
    pub fn with_headers(mut self, headers: &axum::http::HeaderMap) -> Self {
        let text = |name| {
            headers
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(str::to_owned)
        };
        self.headers = RequestHeaders {
            cookie: text(axum::http::header::COOKIE),
            host: text(axum::http::header::HOST),
        };
        self
    }
}

/// The request headers resolvers may read.
pub fn headers<'a>(ctx: &Context<'a>) -> Result<&'a RequestHeaders, AppError> {
    Ok(&request(ctx)?.headers)
}

/// The client the request came from (IP, user agent).
pub fn client<'a>(ctx: &Context<'a>) -> Result<&'a ClientInfo, AppError> {
    Ok(&request(ctx)?.client)
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

fn request<'a>(ctx: &Context<'a>) -> Result<&'a RequestContext, AppError> {
    ctx.data::<RequestContext>()
        .map_err(|_| AppError::internal(anyhow::anyhow!("request context missing")))
}
