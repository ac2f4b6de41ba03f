//! The landing page, shown at `/` while the dashboard is not built (see `dashboard.rs`): it
//! says how to build it and where the API is. Its policy allows its one inline stylesheet,
//! by hash, and nothing else.

use axum::response::{Html, IntoResponse, Response};

use super::headers::{PAGE_BASELINE, inline_hash, with_policy};

const STYLE: &str = "body{font-family:system-ui,sans-serif;max-width:40rem;margin:4rem auto;padding:0 1rem;line-height:1.5}code{background:#f2f2f2;padding:0 .2rem}";

/// The landing page, with its own policy.
pub fn page() -> Response {
    let html = format!(
        r#"<!doctype html>
<html lang="en">
<head><meta charset="utf-8" /><meta name="viewport" content="width=device-width, initial-scale=1" />
<title>Tally</title>
<style>{STYLE}</style>
</head>
<body>
  <h1>Tally</h1>
  <p>The dashboard is not built: this binary was compiled without it, and no
     <code>--dashboard-dir</code> holds a build. <code>scripts/serve</code> builds the
     dashboard, then the binary with the dashboard inside, and starts Tally. For
     development, build it by hand
     (<code>cd frontend &amp;&amp; npm ci &amp;&amp; npm run build</code>) and serve it with <code>--dashboard-dir frontend/dist</code> (or
     <code>TALLY_DASHBOARD_DIR</code>), which picks up a new build without a restart.</p>
  <p>Personal finance over GraphQL. The API is at <code>POST /graphql</code>;
     explore it in <a href="/graphql">GraphiQL</a>.</p>
  <p>Health: <a href="/healthz">/healthz</a> · readiness: <a href="/readyz">/readyz</a></p>
</body>
</html>
"#
    );
    let policy = format!(
        "default-src 'none'; style-src {}; {PAGE_BASELINE}",
        inline_hash(STYLE)
    );
    with_policy(Html(html).into_response(), &policy)
}
