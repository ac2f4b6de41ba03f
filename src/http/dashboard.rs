//! The dashboard: the built React app at `/` and at every path no other route claims —
//! embedded in the binary at build time ([`embedded`]), or read from `--dashboard-dir` for
//! development. A path that names a file (`/assets/index-3f2a.js`, `/favicon.svg`) is that
//! file or 404; any other path is `index.html`, so the app's own routes (`/transactions`,
//! `/net-worth`) survive a reload. Hashed files under `/assets/` are cached for a year,
//! `index.html` is revalidated every time, and every response carries the dashboard's
//! Content-Security-Policy, which allows no inline script (the security-headers layer keeps
//! a policy a handler set). Without a build, the landing page says how to make one, under its
//! own stricter policy.

mod embedded;

use std::path::{Path, PathBuf};

use axum::extract::{Request, State};
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::response::{IntoResponse, Response};
use tower::ServiceExt as _;
use tower_http::services::{ServeDir, ServeFile};

use super::{AppState, home};

/// The dashboard's CSP: scripts and connections from this origin only; inline styles are
/// allowed (chart libraries set `style` attributes), inline scripts are not.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; script-src 'self'; \
     style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; \
     frame-ancestors 'none'; base-uri 'none'; object-src 'none'; form-action 'self'";

/// Vite names every file under `/assets/` by its content hash: a changed file has a new name.
const IMMUTABLE: &str = "public, max-age=31536000, immutable";
/// `index.html` and unhashed files: always ask whether they changed.
const REVALIDATE: &str = "no-cache";

/// Where the dashboard's files come from.
#[derive(Debug, Clone)]
pub enum Dashboard {
    /// The build embedded in the binary (which may be empty).
    Embedded,
    /// A build on disk (`--dashboard-dir`), read at each request.
    Dir(PathBuf),
}

impl Dashboard {
    /// The directory if one is given, else the embedded build.
    pub fn new(dir: Option<PathBuf>) -> Self {
        dir.map_or(Self::Embedded, Self::Dir)
    }

    /// Was the binary built with the dashboard in it?
    pub fn embedded_build() -> bool {
        embedded::present()
    }

    /// The build's file `name` (relative, e.g. `graphiql.html`), if there is one.
    pub async fn read(&self, name: &str) -> Option<Vec<u8>> {
        match self {
            Self::Embedded => embedded::read(name),
            Self::Dir(dir) => tokio::fs::read(dir.join(name)).await.ok(),
        }
    }

    async fn is_built(&self) -> bool {
        match self {
            Self::Embedded => embedded::present(),
            Self::Dir(dir) => tokio::fs::try_exists(dir.join("index.html"))
                .await
                .unwrap_or(false),
        }
    }
}

/// Serve the dashboard for a GET or HEAD of a path no other route matched.
pub async fn serve(State(state): State<AppState>, request: Request) -> Response {
    if !matches!(*request.method(), Method::GET | Method::HEAD) {
        let allow = [(header::ALLOW, "GET, HEAD")];
        return (StatusCode::METHOD_NOT_ALLOWED, allow).into_response();
    }
    if !state.dashboard.is_built().await {
        return not_built(request.uri().path());
    }
    let mut response = match &state.dashboard {
        Dashboard::Dir(dir) => respond(dir, dir.join("index.html"), request).await,
        Dashboard::Embedded => respond_embedded(&request),
    };
    response.headers_mut().insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(CONTENT_SECURITY_POLICY),
    );
    response
}

async fn respond(dir: &Path, index: PathBuf, request: Request) -> Response {
    let path = request.uri().path().to_owned();
    let (response, cache) = if names_a_file(&path) {
        let response = ServeDir::new(dir).oneshot(request).await.into_response();
        let hashed = path.starts_with("/assets/") && response.status().is_success();
        (response, if hashed { IMMUTABLE } else { REVALIDATE })
    } else {
        let response = ServeFile::new(index).oneshot(request).await;
        (response.into_response(), REVALIDATE)
    };
    with_cache(response, cache)
}

/// The embedded build's answer, with the same caching as from a directory.
fn respond_embedded(request: &Request) -> Response {
    let path = request.uri().path();
    if names_a_file(path) {
        let response = embedded::respond(path, request.headers());
        let hashed = path.starts_with("/assets/") && response.status().is_success();
        with_cache(response, if hashed { IMMUTABLE } else { REVALIDATE })
    } else {
        with_cache(
            embedded::respond("/index.html", request.headers()),
            REVALIDATE,
        )
    }
}

/// A path whose last segment has an extension, or anything under `/assets/`: a file, never
/// an app route, so a missing one is a 404 rather than the app.
fn names_a_file(path: &str) -> bool {
    path.starts_with("/assets/")
        || path
            .rsplit('/')
            .next()
            .is_some_and(|last| last.contains('.'))
}

fn with_cache(mut response: Response, cache: &'static str) -> Response {
    if response.status().is_success() || response.status() == StatusCode::NOT_MODIFIED {
        let value = HeaderValue::from_static(cache);
        response.headers_mut().insert(header::CACHE_CONTROL, value);
    }
    response
}

/// No build yet: the landing page (which says how to build the dashboard) at `/`, 404
/// elsewhere.
fn not_built(path: &str) -> Response {
    let status = if path == "/" {
        StatusCode::OK
    } else {
        StatusCode::NOT_FOUND
    };
    let cache = [(header::CACHE_CONTROL, REVALIDATE)];
    (status, cache, home::page()).into_response()
}
