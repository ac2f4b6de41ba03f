//! Liveness, readiness, the landing page and request ids (GraphiQL: `graphiql.rs`).

use crate::helpers::TestApp;

#[tokio::test]
async fn healthz_and_readyz_answer_ok_when_the_database_is_up() {
    let app = TestApp::spawn().await;
    for path in ["/healthz", "/readyz"] {
        let response = app.client.get(app.url(path)).send().await.unwrap();
        assert_eq!(response.status(), 200, "{path}");
        let body: serde_json::Value = response.json().await.unwrap();
        assert_eq!(body["status"], "ok", "{path}");
    }
}

#[tokio::test]
async fn the_root_page_points_to_graphiql() {
    let no_build = std::env::temp_dir().join("tally-no-dashboard-build");
    let app = TestApp::spawn_with(|config| config.dashboard_dir = Some(no_build)).await;
    let response = app.client.get(app.url("/")).send().await.unwrap();
    assert_eq!(response.status(), 200);
    assert!(
        response
            .text()
            .await
            .unwrap()
            .contains(r#"href="/graphql""#)
    );
}

#[tokio::test]
async fn every_response_carries_a_request_id_and_keeps_the_clients_own() {
    let app = TestApp::spawn().await;
    let response = app.client.get(app.url("/healthz")).send().await.unwrap();
    let generated = response.headers()["x-request-id"]
        .to_str()
        .unwrap()
        .to_owned();
    assert_eq!(generated.len(), 36, "a UUID: {generated}");

    let response = app
        .client
        .get(app.url("/healthz"))
        .header("x-request-id", "trace-me-42")
        .send()
        .await
        .unwrap();
    assert_eq!(response.headers()["x-request-id"], "trace-me-42");
}
