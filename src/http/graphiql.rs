//! `GET /graphql` without a `query` parameter: GraphiQL, for exploring the API in a browser.
//! Its "Headers" tab takes `{"Authorization": "Bearer <accessToken>"}` after `login`; headers
//! are not persisted.
//!
//! GraphiQL is bundled with the dashboard build (`frontend/graphiql.html`, built into
//! `graphiql.html` of the embedded build or `--dashboard-dir`, with its scripts, styles, fonts and editor workers under
//! `/assets/`), so it works without reaching any other site. Its Content-Security-Policy lets
//! the browser run scripts and workers from this origin only: no inline script, no `eval`, no
//! CDN. Without a build, the page says how to make one.

use axum::http::{StatusCode, header};
use axum::response::{Html, IntoResponse, Response};

use super::Dashboard;
use super::headers::{PAGE_BASELINE, inline_hash, with_policy};

/// The built page, relative to the dashboard directory.
pub const PAGE_FILE: &str = "graphiql.html";

/// Scripts and the editor's workers: this origin only. Styles: this origin, and inline
/// styles because the editor sets `style` attributes and inserts `<style>` elements at run
/// time (a style cannot run script, and the page shows no user-supplied markup). Fonts
/// (the editor's icons) from this origin or `data:`; requests to this origin only.
pub const POLICY: &str = "default-src 'none'; script-src 'self'; worker-src 'self'; \
     style-src 'self' 'unsafe-inline'; font-src 'self' data:; img-src 'self' data:; \
     connect-src 'self'; manifest-src 'self'";

/// The GraphiQL page of the dashboard build, with its own policy; without a build, a page
/// that says how to build it.
pub async fn page(dashboard: &Dashboard) -> Response {
    let html = dashboard.read(PAGE_FILE).await.map(String::from_utf8);
    match html {
        Some(Ok(html)) => {
            let no_cache = [(header::CACHE_CONTROL, "no-cache")];
            let response = (no_cache, Html(html)).into_response();
            with_policy(response, &format!("{POLICY}; {PAGE_BASELINE}"))
        }
        _ => not_built(),
    }
}

const STYLE: &str = "body{font-family:system-ui,sans-serif;max-width:40rem;margin:4rem auto;padding:0 1rem;line-height:1.5}code{background:#f2f2f2;padding:0 .2rem}";

/// GraphiQL comes with the dashboard build, which is missing: say how to make it (503: the
/// page exists once the build does). The policy allows the one inline style, nothing else.
fn not_built() -> Response {
    let html = format!(
        r#"<!doctype html>
<html lang="en">
<head><meta charset="utf-8" /><meta name="viewport" content="width=device-width, initial-scale=1" />
<title>Tally GraphiQL</title>
<style>{STYLE}</style>
</head>
<body>
  <h1>GraphiQL is not built</h1>
  <p>GraphiQL is bundled with the dashboard, which has not been built. Build it with
     <code>scripts/serve</code>, which builds it before the binary so that the binary carries
     it; or build it with <code>scripts/build-frontend</code> and serve it with
     <code>--dashboard-dir frontend/dist</code>. Meanwhile, send GraphQL requests with
     <code>POST /graphql</code>.</p>
</body>
</html>
"#
    );
    let policy = format!(
        "default-src 'none'; style-src {}; {PAGE_BASELINE}",
        inline_hash(STYLE)
    );
    let response = (StatusCode::SERVICE_UNAVAILABLE, Html(html)).into_response();
    with_policy(response, &policy)
}
