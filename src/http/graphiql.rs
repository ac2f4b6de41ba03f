//! `GET /graphql` without a `query` parameter: GraphiQL, for exploring the API in a browser.
//! Its "Headers" tab takes `{"Authorization": "Bearer <accessToken>"}` after `login`; headers
//! are not persisted.
//!
//! The page loads React, ReactDOM and GraphiQL from unpkg, each pinned by version and by
//! Subresource Integrity, and its Content-Security-Policy lets the browser run exactly those
//! three files and the inline bootstrap script (allowed by its SHA-256), nothing else.

use axum::response::{Html, IntoResponse, Response};

use super::headers::{PAGE_BASELINE, inline_hash, with_policy};

const REACT: &str = "https://unpkg.com/react@18.3.1/umd/react.production.min.js";
const REACT_DOM: &str = "https://unpkg.com/react-dom@18.3.1/umd/react-dom.production.min.js";
const GRAPHIQL_JS: &str = "https://unpkg.com/graphiql@3.9.0/graphiql.min.js";
const GRAPHIQL_CSS: &str = "https://unpkg.com/graphiql@3.9.0/graphiql.min.css";

// Subresource Integrity of the files above: `npm pack react@18.3.1 react-dom@18.3.1
// graphiql@3.9.0`, then for each file the page loads (`umd/react.production.min.js`,
// `umd/react-dom.production.min.js`, `graphiql.min.js`, `graphiql.min.css`):
// `echo "sha384-$(openssl dgst -sha384 -binary FILE | openssl base64 -A)"`. A version bump
// must recompute them, or browsers refuse to run the file.
const REACT_SRI: &str = "sha384-DGyLxAyjq0f9SPpVevD6IgztCFlnMF6oW/XQGmfe+IsZ8TqEiDrcHkMLKI6fiB/Z";
const REACT_DOM_SRI: &str =
    "sha384-gTGxhz21lVGYNMcdJOyq01Edg0jhn/c22nsx0kyqP0TxaV5WVdsSH1fSDUf5YJj1";
const GRAPHIQL_JS_SRI: &str =
    "sha384-8NGfVj4CVlqHajlZj+bPJT4thxPMHMJYn7DWK2CvtopLd02E7qsPHazniBYvVjOO";
const GRAPHIQL_CSS_SRI: &str =
    "sha384-QMux00XgRtwRLSYIY3kw2rj1ovk5AuuliAchk+HSQbqdbGFnz9GYuqIlOqxhwCE2";

/// The inline script that starts GraphiQL. The policy allows it by the hash of this exact
/// text, computed from it on every request, so editing it cannot leave a stale hash behind.
const BOOTSTRAP: &str = r#"
    const defaultQuery = `# Welcome to Tally.
# 1. Run the signup (or login) mutation below.
# 2. Copy accessToken into the Headers tab as
#    {"Authorization": "Bearer <accessToken>"}
# 3. Query your data, e.g. { me { username } transactions(first: 10) { edges { node { date amount description } } } }

mutation Signup {
  signup(input: {username: "ada", email: "ada@example.com", password: "a long passphrase"}) {
    accessToken
    expiresAt
  }
}
`;
    const fetcher = GraphiQL.createFetcher({ url: '/graphql' });
    ReactDOM.createRoot(document.getElementById('graphiql')).render(
      React.createElement(GraphiQL, {
        fetcher,
        defaultQuery,
        defaultEditorToolsVisibility: 'headers',
        isHeadersEditorEnabled: true,
        shouldPersistHeaders: false,
      }),
    );
  "#;

/// The GraphiQL page, with its own policy.
pub fn page() -> Response {
    let html = format!(
        r#"<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8" />
  <meta name="viewport" content="width=device-width, initial-scale=1" />
  <title>Tally GraphiQL</title>
  <style>body {{ margin: 0; height: 100vh; }} #graphiql {{ height: 100vh; }}</style>
  <link rel="stylesheet" href="{GRAPHIQL_CSS}" integrity="{GRAPHIQL_CSS_SRI}" crossorigin="anonymous" />
</head>
<body>
  <div id="graphiql">Loading GraphiQL…</div>
  <script src="{REACT}" integrity="{REACT_SRI}" crossorigin="anonymous"></script>
  <script src="{REACT_DOM}" integrity="{REACT_DOM_SRI}" crossorigin="anonymous"></script>
  <script src="{GRAPHIQL_JS}" integrity="{GRAPHIQL_JS_SRI}" crossorigin="anonymous"></script>
  <script>{BOOTSTRAP}</script>
</body>
</html>
"#
    );
    with_policy(Html(html).into_response(), &policy())
}

/// Scripts: the three pinned files and the bootstrap, no `'unsafe-inline'`, no `eval`.
/// Styles: the pinned stylesheet, and inline styles because GraphiQL's dialogs insert a
/// `<style>` element at run time (a style cannot run script, and this page shows no
/// user-supplied markup). Fonts and icons are `data:` URLs inside the stylesheet; GraphiQL
/// talks to this origin only.
fn policy() -> String {
    let bootstrap = inline_hash(BOOTSTRAP);
    format!(
        "default-src 'none'; script-src {REACT} {REACT_DOM} {GRAPHIQL_JS} {bootstrap}; \
         style-src {GRAPHIQL_CSS} 'unsafe-inline'; font-src data:; img-src 'self' data:; \
         connect-src 'self'; {PAGE_BASELINE}"
    )
}
