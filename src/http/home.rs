//! `GET /`: a landing page until the dashboard (`frontend/`) is served here.

use axum::response::Html;

const PAGE: &str = r#"<!doctype html>
<html lang="en">
<head><meta charset="utf-8" /><meta name="viewport" content="width=device-width, initial-scale=1" />
<title>Tally</title>
<style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:4rem auto;padding:0 1rem;line-height:1.5}</style>
</head>
<body>
  <h1>Tally</h1>
  <p>Personal finance over GraphQL. The API is at <code>POST /graphql</code>;
     explore it in <a href="/graphql">GraphiQL</a>.</p>
  <p>Health: <a href="/healthz">/healthz</a> · readiness: <a href="/readyz">/readyz</a></p>
</body>
</html>
"#;

/// The landing page.
pub async fn page() -> Html<&'static str> {
    Html(PAGE)
}
