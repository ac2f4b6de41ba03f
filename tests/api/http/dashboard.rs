//! The dashboard at `/`: the built app with its CSP, SPA fallback for app routes, long
//! caching of hashed assets, the API routes untouched, and the how-to-build page (under
//! its own policy, which allows no script) when there is no build.

use std::path::{Path, PathBuf};

use crate::helpers::TestApp;

const CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; \
     img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; \
     object-src 'none'; form-action 'self'";
const INDEX: &str = r#"<!doctype html><html><head><script type="module" src="/assets/index-Ab12Cd34.js"></script></head><body><div id="root">tally-dashboard-index</div></body></html>"#;
const SCRIPT: &str = "console.log('tally dashboard bundle');";

/// A fake `frontend/dist` in a fresh temporary directory, removed on drop; a `secret.txt`
/// sits next to it (outside the served directory).
pub struct FakeDist {
    root: PathBuf,
}

impl FakeDist {
    pub fn new() -> Self {
        let root = std::env::temp_dir().join(format!("tally-dashboard-{}", uuid::Uuid::new_v4()));
        let dist = root.join("dist");
        std::fs::create_dir_all(dist.join("assets")).unwrap();
        std::fs::write(dist.join("index.html"), INDEX).unwrap();
        std::fs::write(dist.join("assets/index-Ab12Cd34.js"), SCRIPT).unwrap();
        std::fs::write(dist.join("favicon.svg"), "<svg/>").unwrap();
        std::fs::write(root.join("secret.txt"), "do-not-serve").unwrap();
        Self { root }
    }

    pub fn dist(&self) -> PathBuf {
        self.root.join("dist")
    }
}

impl Drop for FakeDist {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.root);
    }
}

pub async fn app_serving(dir: &Path) -> TestApp {
    let dir = dir.to_path_buf();
    TestApp::spawn_with(move |config| config.dashboard_dir = Some(dir)).await
}

pub fn header(response: &reqwest::Response, name: &str) -> String {
    response
        .headers()
        .get(name)
        .map(|v| v.to_str().unwrap().to_owned())
        .unwrap_or_default()
}

#[tokio::test]
async fn the_root_serves_the_built_index_with_a_csp_that_allows_no_inline_script() {
    let dist = FakeDist::new();
    let app = app_serving(&dist.dist()).await;

    let response = app.client.get(app.url("/")).send().await.unwrap();

    assert_eq!(response.status(), 200);
    assert!(header(&response, "content-type").starts_with("text/html"));
    assert_eq!(
        header(&response, "content-security-policy"),
        CSP,
        "the security-headers layer keeps the dashboard's own policy"
    );
    assert_eq!(header(&response, "x-content-type-options"), "nosniff");
    assert_eq!(header(&response, "x-frame-options"), "DENY");
    assert_eq!(header(&response, "cache-control"), "no-cache");
    assert!(
        response
            .text()
            .await
            .unwrap()
            .contains("tally-dashboard-index")
    );
    let script_src = CSP
        .split(';')
        .find(|d| d.trim().starts_with("script-src"))
        .unwrap();
    assert!(!script_src.contains("unsafe-inline"), "{script_src}");
}

#[tokio::test]
async fn app_routes_fall_back_to_the_index_so_a_reload_keeps_the_page() {
    let dist = FakeDist::new();
    let app = app_serving(&dist.dist()).await;

    for path in [
        "/transactions",
        "/net-worth",
        "/settings/security?tab=1",
        "/login",
    ] {
        let response = app.client.get(app.url(path)).send().await.unwrap();
        assert_eq!(response.status(), 200, "{path}");
        assert_eq!(header(&response, "cache-control"), "no-cache", "{path}");
        assert_eq!(header(&response, "content-security-policy"), CSP, "{path}");
        assert!(
            response
                .text()
                .await
                .unwrap()
                .contains("tally-dashboard-index"),
            "{path}"
        );
    }
}

#[tokio::test]
async fn hashed_assets_are_cached_for_a_year_and_other_files_revalidate() {
    let dist = FakeDist::new();
    let app = app_serving(&dist.dist()).await;

    let asset = app
        .client
        .get(app.url("/assets/index-Ab12Cd34.js"))
        .send()
        .await
        .unwrap();
    assert_eq!(asset.status(), 200);
    assert!(header(&asset, "content-type").contains("javascript"));
    assert_eq!(
        header(&asset, "cache-control"),
        "public, max-age=31536000, immutable"
    );
    assert_eq!(asset.text().await.unwrap(), SCRIPT);

    let icon = app
        .client
        .get(app.url("/favicon.svg"))
        .send()
        .await
        .unwrap();
    assert_eq!(icon.status(), 200);
    assert_eq!(header(&icon, "cache-control"), "no-cache");
}

#[tokio::test]
async fn a_missing_file_is_a_404_not_the_app() {
    let dist = FakeDist::new();
    let app = app_serving(&dist.dist()).await;

    for path in ["/assets/index-Gone.js", "/robots.txt", "/assets/"] {
        let response = app.client.get(app.url(path)).send().await.unwrap();
        assert_eq!(response.status(), 404, "{path}");
        assert_eq!(header(&response, "cache-control"), "", "{path}");
        assert!(
            !response
                .text()
                .await
                .unwrap()
                .contains("tally-dashboard-index"),
            "{path}"
        );
    }
}

#[tokio::test]
async fn files_outside_the_dashboard_directory_are_never_served() {
    let dist = FakeDist::new();
    let app = app_serving(&dist.dist()).await;

    for path in [
        "/%2e%2e/secret.txt",
        "/assets/%2e%2e/%2e%2e/secret.txt",
        "/..%2fsecret.txt",
    ] {
        let response = app.client.get(app.url(path)).send().await.unwrap();
        let body = response.text().await.unwrap();
        assert!(!body.contains("do-not-serve"), "{path}: {body}");
    }
}

#[tokio::test]
async fn the_api_and_health_routes_keep_their_own_handlers() {
    let dist = FakeDist::new();
    let app = app_serving(&dist.dist()).await;

    let health = app.client.get(app.url("/healthz")).send().await.unwrap();
    assert_eq!(
        health.json::<serde_json::Value>().await.unwrap()["status"],
        "ok"
    );
    let graphiql = app.client.get(app.url("/graphql")).send().await.unwrap();
    assert!(graphiql.text().await.unwrap().contains("GraphiQL"));
    let user = app.signed_up_user().await;
    let data = app
        .ok(&user.token, "{ me { username } }", serde_json::json!({}))
        .await;
    assert_eq!(data["me"]["username"], user.username.as_str());
}

#[tokio::test]
async fn only_get_and_head_reach_the_dashboard() {
    let dist = FakeDist::new();
    let app = app_serving(&dist.dist()).await;

    let head = app
        .client
        .head(app.url("/transactions"))
        .send()
        .await
        .unwrap();
    assert_eq!(head.status(), 200);
    let post = app
        .client
        .post(app.url("/transactions"))
        .send()
        .await
        .unwrap();
    assert_eq!(post.status(), 405);
    assert_eq!(header(&post, "allow"), "GET, HEAD");
}

#[tokio::test]
async fn without_a_build_the_root_says_how_to_build_the_dashboard() {
    let missing = std::env::temp_dir().join(format!("tally-no-dist-{}", uuid::Uuid::new_v4()));
    let app = app_serving(&missing).await;

    let root = app.client.get(app.url("/")).send().await.unwrap();
    assert_eq!(root.status(), 200);
    let policy = header(&root, "content-security-policy");
    assert!(policy.starts_with("default-src 'none';"), "{policy}");
    assert!(!policy.contains("script-src"), "no scripts: {policy}");
    let page = root.text().await.unwrap();
    assert!(page.contains("npm run build"), "{page}");
    assert!(page.contains("scripts/serve"), "{page}");
    assert!(page.contains(r#"href="/graphql""#), "{page}");

    let elsewhere = app
        .client
        .get(app.url("/transactions"))
        .send()
        .await
        .unwrap();
    assert_eq!(elsewhere.status(), 404);
}

#[tokio::test]
async fn a_build_made_after_start_is_served_without_a_restart() {
    let dist = FakeDist::new();
    let later = dist.root.join("later");
    let app = app_serving(&later).await;
    let before = app.client.get(app.url("/")).send().await.unwrap();
    assert!(before.text().await.unwrap().contains("npm run build"));

    std::fs::create_dir_all(&later).unwrap();
    std::fs::write(later.join("index.html"), INDEX).unwrap();

    let after = app.client.get(app.url("/")).send().await.unwrap();
    assert!(
        after
            .text()
            .await
            .unwrap()
            .contains("tally-dashboard-index")
    );
}
