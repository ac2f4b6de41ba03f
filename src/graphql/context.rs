//! What resolvers get from the context: the [`Services`] and the per-request
//! [`RequestContext`] (the viewer, its client and its dataloader). All are request data:
//! each request gets the services with a store that is its own share of the pool, and its
//! loader reads through that store.

use std::sync::Arc;

use async_graphql::Context;

use super::loaders::ScopedLoader;
use crate::auth::oidc::Providers;
use crate::auth::sealing::Sealer;
use crate::auth::{AuthGate, Caller, ClientInfo, PasswordHasher, TokenKeys, Viewer};
use crate::error::AppError;
use crate::service::Store;
use crate::service::sessions::SessionSettings;
use crate::service::users::LockoutPolicy;

/// What every request works with: the store, the password hasher, the token keys and gate,
/// and the session and lockout rules. Each request gets a copy whose store may use only a
/// few pooled connections at once ([`Services::for_request`]).
#[derive(Clone)]
pub struct Services {
    pub store: Store,
    pub hasher: Arc<PasswordHasher>,
    pub tokens: Arc<TokenKeys>,
    pub gate: Arc<AuthGate>,
    pub sessions: SessionSettings,
    pub lockout: LockoutPolicy,
    /// Seals and opens the stored two-factor secrets.
    pub sealer: Arc<Sealer>,
    /// Most rows one export (`exportTransactions`, `exportMyData`) holds.
    pub export_max_rows: u64,
    /// The OpenID Connect sign-in providers (none unless configured).
    pub oidc: Providers,
}

impl Services {
    /// These services for one request, whose store uses at most `connections` pooled
    /// connections at once.
    pub fn for_request(&self, connections: usize) -> Self {
        Self {
            store: self.store.for_request(connections),
            ..self.clone()
        }
    }
}

/// One request's viewer and client. [`RequestContext::attach`] hands it to a GraphQL request
/// with the request's services and the viewer's loader, which carries the viewer, so a
/// batched lookup is scoped exactly like a direct one; it caches what it loaded for this
/// request only.
pub struct RequestContext {
    viewer: Option<Viewer>,
    client: Arc<ClientInfo>,
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
    pub fn new(caller: Caller) -> Self {
        Self {
            viewer: caller.viewer,
            client: caller.client,
            headers: RequestHeaders::default(),
        }
    }

    /// The client's IP address, if known.
    pub fn client_ip(&self) -> Option<std::net::IpAddr> {
        self.client.ip
    }

    /// `request` with this context, the request's `services`, and the viewer's loader on
    /// their store (an anonymous request has none), as its data.
    pub fn attach(
        self,
        request: async_graphql::Request,
        services: Services,
    ) -> async_graphql::Request {
        let request = match &self.viewer {
            Some(viewer) => request.data(ScopedLoader::for_request(
                services.store.clone(),
                viewer.clone(),
            )),
            None => request,
        };
        request.data(services).data(self)
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

/// The request's services.
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
