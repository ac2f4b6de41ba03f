//! `GET /graphql`: GraphiQL, for exploring the API in a browser. Its "Headers" tab takes
//! `{"Authorization": "Bearer <accessToken>"}` after `login`; headers are not persisted.

use axum::response::Html;

const PAGE: &str = r#"<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8" />
  <meta name="viewport" content="width=device-width, initial-scale=1" />
  <title>Tally GraphiQL</title>
  <style>body { margin: 0; height: 100vh; } #graphiql { height: 100vh; }</style>
  <link rel="stylesheet" href="https://unpkg.com/graphiql@3.9.0/graphiql.min.css" crossorigin="anonymous" />
</head>
<body>
  <div id="graphiql">Loading GraphiQL…</div>
  <script src="https://unpkg.com/react@18.3.1/umd/react.production.min.js" crossorigin="anonymous"></script>
  <script src="https://unpkg.com/react-dom@18.3.1/umd/react-dom.production.min.js" crossorigin="anonymous"></script>
  <script src="https://unpkg.com/graphiql@3.9.0/graphiql.min.js" crossorigin="anonymous"></script>
  <script>
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
  </script>
</body>
</html>
"#;

/// The GraphiQL page.
pub async fn page() -> Html<&'static str> {
    Html(PAGE)
}
