//! The dashboard embedded in the binary (no `--dashboard-dir`): served with the same policy
//! and caching as from a directory when the binary was built with it, and the how-to-build
//! page (never a crash or an empty answer) when it was not. The `--dashboard-dir` path is
//! tested in `http::dashboard`.

use crate::helpers::TestApp;
use crate::http::dashboard::header;

const CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; \
     img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; \
     object-src 'none'; form-action 'self'";

async fn app_with_the_embedded_build() -> TestApp {
    TestApp::spawn_with(|config| config.dashboard_dir = None).await
}

#[tokio::test]
async fn the_embedded_dashboard_is_served_when_built_in_and_explained_when_not() {
    if tally::http::Dashboard::embedded_build() {
        served_with_its_policy_and_caching().await;
    } else {
        the_page_says_how_to_build_it().await;
    }
}

async fn served_with_its_policy_and_caching() {
    let app = app_with_the_embedded_build().await;

    let index = app
        .client
        .get(app.url("/transactions"))
        .send()
        .await
        .unwrap();
    assert_eq!(index.status(), 200);
    assert_eq!(header(&index, "content-security-policy"), CSP);
    assert_eq!(header(&index, "cache-control"), "no-cache");
    assert!(header(&index, "content-type").starts_with("text/html"));
    let html = index.text().await.unwrap();
    let script = html
        .split("src=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .find(|src| src.starts_with("/assets/") && src.ends_with(".js"))
        .expect("index.html loads a script from /assets/")
        .to_owned();

    let asset = app.client.get(app.url(&script)).send().await.unwrap();
    assert_eq!(asset.status(), 200);
    assert_eq!(
        header(&asset, "cache-control"),
        "public, max-age=31536000, immutable"
    );
    assert!(header(&asset, "content-type").contains("javascript"));
    assert_eq!(header(&asset, "content-security-policy"), CSP);
    let etag = header(&asset, "etag");
    assert!(etag.starts_with('"'), "{etag}");

    let again = app
        .client
        .get(app.url(&script))
        .header("if-none-match", &etag)
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), 304);

    for missing in ["/assets/nope-123.js", "/nope.txt", "/assets/../Cargo.toml"] {
        let response = app.client.get(app.url(missing)).send().await.unwrap();
        assert_eq!(response.status(), 404, "{missing}");
    }
    let graphiql = app.client.get(app.url("/graphql")).send().await.unwrap();
    assert_eq!(graphiql.status(), 200, "GraphiQL comes with the build");
}

async fn the_page_says_how_to_build_it() {
    let app = app_with_the_embedded_build().await;

    let root = app.client.get(app.url("/")).send().await.unwrap();
    assert_eq!(root.status(), 200);
    assert_eq!(header(&root, "cache-control"), "no-cache");
    let page = root.text().await.unwrap();
    assert!(page.contains("scripts/serve"), "{page}");
    assert!(page.contains("--dashboard-dir"), "{page}");
    let file = app
        .client
        .get(app.url("/assets/index.js"))
        .send()
        .await
        .unwrap();
    assert_eq!(file.status(), 404);
    let graphiql = app.client.get(app.url("/graphql")).send().await.unwrap();
    assert_eq!(graphiql.status(), 503);
}
