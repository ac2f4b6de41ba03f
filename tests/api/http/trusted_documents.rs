//! Trusted documents: a client names a document by `documentId` (or Apollo's
//! `extensions.persistedQuery.sha256Hash`) on POST and GET; unknown ids and hashes that do
//! not match the text are refused; with `TRUSTED_DOCUMENTS_ONLY` (the production default) a
//! document of the client's own is refused, without it it runs; a manifest whose text does
//! not match its hash, or that does not validate, stops the start; every document of the
//! dashboard's manifest validates; a trusted document (validated at start) still refuses a
//! variable of the wrong type.

use std::path::PathBuf;

use serde_json::{Value, json};
use sha2::{Digest, Sha256};
use tally::config::{Config, Environment};

use crate::helpers::{TestApp, TestUser, error_with_code};

const VIEWER: &str = "query Viewer { me { username } }";
const LOGOUT: &str = "mutation Logout { logout }";
const BUILT_IN: &str = include_str!("../../../frontend/src/gql/persisted-documents.json");

fn hash(text: &str) -> String {
    Sha256::digest(text.as_bytes())
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect()
}

/// A file in the temporary directory, removed when dropped.
struct TempFile(PathBuf);

impl TempFile {
    fn with(text: &str) -> Self {
        let name = format!("tally-trusted-{}.json", uuid::Uuid::new_v4());
        let path = std::env::temp_dir().join(name);
        std::fs::write(&path, text).unwrap();
        Self(path)
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

/// A manifest of `documents` in a fresh temporary file (kept for the test's life).
fn manifest(documents: &[&str]) -> (TempFile, PathBuf) {
    let entries: serde_json::Map<String, Value> = documents
        .iter()
        .map(|text| (format!("sha256:{}", hash(text)), json!(text)))
        .collect();
    let file = TempFile::with(&Value::Object(entries).to_string());
    let path = file.0.clone();
    (file, path)
}

/// An instance that runs only the documents at `path`, with a user signed up through a
/// second instance on the same database that runs any (the sign-up's text is not trusted).
async fn trusted_only(path: PathBuf) -> (TestApp, TestUser) {
    let open = TestApp::spawn_shared_with(|_| {}).await;
    let user = open.signed_up_user().await;
    let strict = open
        .another_instance_with(move |config: &mut Config| {
            config.trusted_documents = Some(path);
            config.trusted_documents_only = Some(true);
        })
        .await;
    (strict, user)
}

async fn get(app: &TestApp, token: &str, params: &[(&str, &str)]) -> (u16, Value) {
    let url = reqwest::Url::parse_with_params(&app.url("/graphql"), params).unwrap();
    let reply = app.client.get(url).bearer_auth(token).send().await.unwrap();
    (reply.status().as_u16(), reply.json().await.unwrap())
}

#[tokio::test]
async fn a_known_document_runs_by_id_on_post_and_get_in_both_forms() {
    let (_dir, path) = manifest(&[VIEWER, LOGOUT]);
    let (app, user) = trusted_only(path).await;
    let id = format!("sha256:{}", hash(VIEWER));
    let apollo = json!({ "persistedQuery": { "version": 1, "sha256Hash": hash(VIEWER) } });

    let bodies = [
        json!({ "documentId": id }),
        json!({ "extensions": apollo }),
        // Apollo's link after PERSISTED_QUERY_NOT_FOUND: the text with its hash.
        json!({ "query": VIEWER, "extensions": apollo }),
    ];
    for body in bodies {
        let (status, answer) = app.post(Some(&user.token), body.clone()).await;
        assert_eq!(status, 200, "{body}: {answer}");
        assert_eq!(answer["data"]["me"]["username"], user.username, "{body}");
    }
    let extensions = apollo.to_string();
    for params in [[("documentId", id.as_str())], [("extensions", &extensions)]] {
        let (status, answer) = get(&app, &user.token, &params).await;
        assert_eq!(status, 200, "{params:?}: {answer}");
        assert_eq!(answer["data"]["me"]["username"], user.username);
    }
}

#[tokio::test]
async fn a_trusted_mutation_is_still_refused_over_get() {
    let (_dir, path) = manifest(&[VIEWER, LOGOUT]);
    let (app, user) = trusted_only(path).await;
    let id = format!("sha256:{}", hash(LOGOUT));

    let (status, answer) = get(&app, &user.token, &[("documentId", &id)]).await;

    assert_eq!(status, 405, "{answer}");
    // The session still works: the mutation did not run.
    let viewer = format!("sha256:{}", hash(VIEWER));
    let (_, me) = app
        .post(Some(&user.token), json!({ "documentId": viewer }))
        .await;
    assert_eq!(me["data"]["me"]["username"], user.username, "{me}");
}

#[tokio::test]
async fn unknown_ids_and_hashes_that_do_not_match_the_text_are_refused() {
    let (_dir, path) = manifest(&[VIEWER]);
    let app = TestApp::spawn_with(move |config| config.trusted_documents = Some(path)).await;
    let user = app.signed_up_user().await;
    let other = "query Other { me { email } }";
    let unknown = format!("sha256:{}", hash(other));

    let (_, answer) = app
        .post(Some(&user.token), json!({ "documentId": unknown }))
        .await;
    error_with_code(&answer, "PERSISTED_QUERY_NOT_FOUND");
    let apollo = json!({ "persistedQuery": { "version": 1, "sha256Hash": "not-a-hash" } });
    let (_, answer) = app
        .post(Some(&user.token), json!({ "extensions": apollo }))
        .await;
    error_with_code(&answer, "PERSISTED_QUERY_NOT_FOUND");
    // A trusted id with other text: the text does not get the id's trust.
    let tampered = json!({ "query": other, "documentId": format!("sha256:{}", hash(VIEWER)) });
    let (_, answer) = app.post(Some(&user.token), tampered).await;
    error_with_code(&answer, "BAD_REQUEST");
}

#[tokio::test]
async fn own_documents_are_refused_when_only_trusted_ones_run_and_accepted_otherwise() {
    let (_dir, path) = manifest(&[VIEWER]);
    let (strict, _) = trusted_only(path.clone()).await;
    let open = TestApp::spawn_with(move |config| config.trusted_documents = Some(path)).await;
    let apollo = json!({ "persistedQuery": { "version": 1, "sha256Hash": hash(VIEWER) } });

    let (status, answer) = strict
        .post(None, json!({ "query": "{ currencies { code } }" }))
        .await;
    assert_eq!(status, 200);
    error_with_code(&answer, "TRUSTED_DOCUMENTS_ONLY");
    // Text sent with a hash that matches it but names no trusted document.
    let own = "query Own { currencies { code } }";
    let hashed =
        json!({ "query": own, "extensions": { "persistedQuery": { "sha256Hash": hash(own) } } });
    error_with_code(&strict.post(None, hashed).await.1, "TRUSTED_DOCUMENTS_ONLY");
    let (status, answer) = get(&strict, "x", &[("query", "{ currencies { code } }")]).await;
    assert_eq!(
        status, 401,
        "a bad token is refused before the document: {answer}"
    );

    let user = open.signed_up_user().await;
    let data = open
        .ok(&user.token, "{ currencies { code } }", json!({}))
        .await;
    assert!(data["currencies"].as_array().is_some_and(|c| !c.is_empty()));
    let (_, answer) = open
        .post(Some(&user.token), json!({ "extensions": apollo }))
        .await;
    assert_eq!(answer["data"]["me"]["username"], user.username);
}

#[tokio::test]
async fn production_runs_only_trusted_documents_by_default() {
    let app = TestApp::spawn_with(|config| {
        config.environment = Environment::Production;
        config.bcrypt_cost = 10;
    })
    .await;

    let (_, answer) = app
        .post(None, json!({ "query": "{ currencies { code } }" }))
        .await;

    error_with_code(&answer, "TRUSTED_DOCUMENTS_ONLY");
}

#[tokio::test]
async fn a_manifest_whose_text_does_not_match_its_hash_stops_the_start() {
    let forged = json!({ format!("sha256:{}", hash(VIEWER)): "query Viewer { me { email } }" });
    let file = TempFile::with(&forged.to_string());

    let refused = start_refused(file.0.clone()).await;

    assert!(refused.contains("does not match"), "{refused}");
}

/// Why an instance with the trusted documents at `path` does not start.
async fn start_refused(path: PathBuf) -> String {
    let mut config = Config::defaults();
    config.addr = "127.0.0.1:0".parse().unwrap();
    config.database_url = Some("sqlite::memory:".to_owned());
    config.jwt_secret = Some(crate::helpers::fresh_secret().parse().unwrap());
    config.bcrypt_cost = 4;
    config.trusted_documents = Some(path);
    let refused = tally::App::build(config).await.err().expect("refused");
    refused.to_string()
}

#[tokio::test]
async fn a_manifest_document_that_does_not_validate_stops_the_start() {
    let (_file, path) = manifest(&[VIEWER, "query Broken { me { nope } }"]);

    let refused = start_refused(path).await;

    assert!(refused.contains("does not validate"), "{refused}");
}

#[tokio::test]
async fn a_trusted_document_refuses_variables_of_the_wrong_type() {
    const PAGE: &str =
        "query Page($first: Int) { transactions(first: $first) { edges { node { id } } } }";
    let (_file, path) = manifest(&[PAGE]);
    let (app, user) = trusted_only(path).await;
    let id = format!("sha256:{}", hash(PAGE));

    for first in [json!("fifty"), json!(1.5), json!({ "n": 1 })] {
        let body = json!({ "documentId": id, "variables": { "first": first } });
        let (_, answer) = app.post(Some(&user.token), body).await;
        error_with_code(&answer, "BAD_USER_INPUT");
        assert!(answer["data"]["transactions"].is_null(), "{answer}");
    }
    let body = json!({ "documentId": id, "variables": { "first": 2 } });
    let (_, answer) = app.post(Some(&user.token), body).await;
    assert!(answer["errors"].is_null(), "{answer}");
    assert!(
        answer["data"]["transactions"]["edges"].is_array(),
        "{answer}"
    );
}

#[tokio::test]
async fn every_document_of_the_dashboards_manifest_is_valid_against_the_schema() {
    let app = TestApp::spawn_with(|config| config.trusted_documents_only = Some(true)).await;
    let manifest: serde_json::Map<String, Value> = serde_json::from_str(BUILT_IN).unwrap();
    assert!(
        manifest.len() > 20,
        "the dashboard's operations are all listed"
    );

    for (id, text) in &manifest {
        // Subscriptions run on the socket only (tests/api/live); over HTTP they are refused.
        if is_subscription(text.as_str().unwrap_or_default()) {
            continue;
        }
        // Anonymous and without variables: nothing runs. The start validated each in full
        // (or this app would not be up); this checks that they also resolve by id.
        let (_, answer) = app.post(None, json!({ "documentId": id })).await;
        let codes: Vec<&str> = answer["errors"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|error| error["extensions"]["code"].as_str())
            .collect();
        for refused in [
            "GRAPHQL_VALIDATION_FAILED",
            "GRAPHQL_PARSE_FAILED",
            "PERSISTED_QUERY_NOT_FOUND",
        ] {
            assert!(!codes.contains(&refused), "{id}: {answer}");
        }
    }
}

/// Whether `text` parses to a document whose operations are subscriptions.
fn is_subscription(text: &str) -> bool {
    use async_graphql::parser::types::{DocumentOperations, OperationType};
    let Ok(document) = async_graphql::parser::parse_query(text) else {
        return false;
    };
    match &document.operations {
        DocumentOperations::Single(operation) => operation.node.ty == OperationType::Subscription,
        DocumentOperations::Multiple(operations) => operations
            .values()
            .all(|operation| operation.node.ty == OperationType::Subscription),
    }
}
