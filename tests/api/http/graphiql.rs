//! GraphiQL at `GET /graphql`: bundled with the dashboard build and served from this origin
//! under a policy that runs scripts and workers from this origin only — no CDN, no inline
//! script, no `eval` — and, without a build, a page that says how to make one.

use crate::helpers::TestApp;
use crate::http::dashboard::{FakeDist, app_serving, header};

const PAGE: &str = r#"<!doctype html><html><head><title>Tally GraphiQL</title><script type="module" crossorigin src="/assets/graphiql-Ab12.js"></script><link rel="stylesheet" href="/assets/graphiql-Cd34.css"></head><body><div id="graphiql">Loading GraphiQL…</div></body></html>"#;

/// A fake dashboard build with `graphiql.html`, removed on drop.
pub struct GraphiqlBuild(FakeDist);

impl GraphiqlBuild {
    pub fn new() -> Self {
        let build = FakeDist::new();
        std::fs::write(build.dist().join("graphiql.html"), PAGE).unwrap();
        std::fs::write(build.dist().join("assets/graphiql-Ab12.js"), "export {};").unwrap();
        Self(build)
    }

    /// An app serving this build.
    pub async fn app(&self) -> TestApp {
        app_serving(&self.0.dist()).await
    }

    /// The build's directory, for an app configured otherwise too.
    pub fn dir(&self) -> std::path::PathBuf {
        self.0.dist()
    }
}

#[tokio::test]
async fn graphiql_is_the_bundled_page_with_scripts_from_this_origin_only() {
    let build = GraphiqlBuild::new();
    let app = build.app().await;

    let response = app.client.get(app.url("/graphql")).send().await.unwrap();

    assert_eq!(response.status(), 200);
    assert!(header(&response, "content-type").starts_with("text/html"));
    assert_eq!(header(&response, "cache-control"), "no-cache");
    let policy = header(&response, "content-security-policy");
    let directive = |name: &str| {
        policy
            .split(';')
            .map(str::trim)
            .find(|d| d.starts_with(&format!("{name} ")))
            .unwrap_or_default()
            .to_owned()
    };
    assert!(policy.starts_with("default-src 'none';"), "{policy}");
    assert_eq!(directive("script-src"), "script-src 'self'");
    assert_eq!(directive("worker-src"), "worker-src 'self'");
    assert_eq!(directive("connect-src"), "connect-src 'self'");
    assert!(
        !policy.contains("unsafe-eval") && !policy.contains("http"),
        "{policy}"
    );
    for baseline in [
        "frame-ancestors 'none'",
        "base-uri 'none'",
        "object-src 'none'",
    ] {
        assert!(policy.contains(baseline), "{policy}");
    }
    let page = response.text().await.unwrap();
    assert!(page.contains("Tally GraphiQL") && page.contains("/assets/graphiql-Ab12.js"));
    assert!(
        !page.contains("unpkg") && !page.contains("https://"),
        "no other site"
    );

    // Its assets are the dashboard's own files.
    let script = app
        .client
        .get(app.url("/assets/graphiql-Ab12.js"))
        .send()
        .await
        .unwrap();
    assert_eq!(script.status(), 200);
}

#[tokio::test]
async fn without_a_build_graphiql_says_how_to_make_one_and_runs_no_script() {
    let app = TestApp::spawn().await;

    let response = app.client.get(app.url("/graphql")).send().await.unwrap();

    assert_eq!(response.status(), 503);
    let policy = header(&response, "content-security-policy");
    assert!(!policy.contains("script-src"), "{policy}");
    let page = response.text().await.unwrap();
    assert!(
        page.contains("GraphiQL") && page.contains("scripts/build-frontend"),
        "{page}"
    );
}
