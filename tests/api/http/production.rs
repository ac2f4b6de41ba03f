//! `TALLY_ENV=production` is safe by default: GraphiQL and introspection off unless set, the
//! refresh cookie `Secure` whatever `Host` a client sends, HSTS on every response; the start
//! refuses what it can tell is unsafe and warns about what may be deliberate. A development
//! secret read back from disk passes the same strength check as one from the environment.

use serde_json::{Value, json};
use tally::app::production;
use tally::config::{Config, CookieSecure, Environment};

use crate::helpers::{TestApp, error_with_code};

const LOGIN: &str = "mutation($input: LoginInput!) { login(input: $input) { accessToken } }";

fn in_production(config: &mut Config) {
    config.environment = Environment::Production;
    config.bcrypt_cost = 10;
    config.trusted_proxies = vec![tally::config::parse_ip_block("127.0.0.1").unwrap()];
    // These tests send their own documents; trusted_documents.rs covers the default.
    config.trusted_documents_only = Some(false);
}

async fn graphiql_status(app: &TestApp) -> u16 {
    let page = app.client.get(app.url("/graphql")).send().await.unwrap();
    page.status().as_u16()
}

async fn introspect(app: &TestApp) -> Value {
    let query = "{ __schema { queryType { name } } }";
    app.gql(None, query, json!({})).await
}

#[tokio::test]
async fn production_turns_graphiql_and_introspection_off_unless_set() {
    let default = TestApp::spawn_with(in_production).await;
    // GraphiQL comes with the dashboard build.
    let build = crate::http::graphiql::GraphiqlBuild::new();
    let dir = build.dir();
    let explicit = TestApp::spawn_with(|config| {
        in_production(config);
        config.dashboard_dir = Some(dir);
        config.graphiql_enabled = Some(true);
        config.graphql_introspection = Some(true);
    })
    .await;

    assert_eq!(graphiql_status(&default).await, 404);
    error_with_code(&introspect(&default).await, "GRAPHQL_VALIDATION_FAILED");
    assert_eq!(
        graphiql_status(&explicit).await,
        200,
        "an explicit setting wins"
    );
    let schema = introspect(&explicit).await;
    assert_eq!(schema["data"]["__schema"]["queryType"]["name"], "Query");
}

#[tokio::test]
async fn production_marks_the_refresh_cookie_secure_whatever_host_the_client_names() {
    let app = TestApp::spawn_with(in_production).await;
    let user = app.signed_up_user().await;
    let input = json!({ "input": { "email": user.email, "password": user.password } });

    for host in ["localhost", "127.0.0.1:8000", "[::1]"] {
        let reply = app
            .post_with(None, &[("Host", host)], LOGIN, input.clone())
            .await;

        let cookies = reply.set_cookies();
        assert_eq!(cookies.len(), 1, "{cookies:?}");
        assert!(
            cookies[0].split("; ").any(|a| a == "Secure"),
            "{host}: {cookies:?}"
        );
    }
}

#[tokio::test]
async fn production_sends_hsts_on_every_response_and_development_does_not() {
    let production = TestApp::spawn_with(in_production).await;
    let development = TestApp::spawn().await;
    let hsts = |response: &reqwest::Response| {
        let value = response.headers().get("strict-transport-security");
        value.map(|v| v.to_str().unwrap().to_owned())
    };

    for path in ["/healthz", "/graphql", "/no-such-page"] {
        let answer = production
            .client
            .get(production.url(path))
            .send()
            .await
            .unwrap();
        let local = development
            .client
            .get(development.url(path))
            .send()
            .await
            .unwrap();

        let expected = "max-age=31536000; includeSubDomains";
        assert_eq!(hsts(&answer).as_deref(), Some(expected), "{path}");
        assert_eq!(hsts(&local), None, "{path}");
    }
    let bad_token = production
        .client
        .post(production.url("/graphql"))
        .bearer_auth("not-a-token")
        .json(&json!({ "query": "{ me { id } }" }))
        .send()
        .await
        .unwrap();
    assert_eq!(bad_token.status(), 401);
    assert!(
        hsts(&bad_token).is_some(),
        "errors before GraphQL carry it too"
    );
}

fn production_config(adjust: impl FnOnce(&mut Config)) -> Config {
    let mut config = Config::defaults();
    in_production(&mut config);
    adjust(&mut config);
    config
}

fn refusal(config: &Config) -> String {
    match production::check(config) {
        Ok(warnings) => panic!("started with warnings only: {warnings:?}"),
        Err(err) => format!("{err:#}"),
    }
}

#[test]
fn production_refuses_settings_it_can_tell_are_unsafe() {
    let never = production_config(|c| c.cookie_secure = CookieSecure::Never);
    let plain_origin = production_config(|c| {
        c.cors_allowed_origins = vec![
            "https://app.example.com".into(),
            "http://app.example.com".into(),
        ];
    });
    let everyone_v4 = production_config(|c| c.trusted_proxies = vec!["0.0.0.0/0".parse().unwrap()]);
    let everyone_v6 = production_config(|c| c.trusted_proxies = vec!["::/0".parse().unwrap()]);

    assert!(refusal(&never).contains("COOKIE_SECURE=never"));
    assert!(refusal(&plain_origin).contains("http://app.example.com"));
    for everyone in [everyone_v4, everyone_v6] {
        assert!(refusal(&everyone).contains("TRUSTED_PROXIES"));
    }
    for open in ["0.0.0.0:9100", "[::]:9100", "203.0.113.7:9100"] {
        let metrics = production_config(|c| c.metrics_addr = Some(open.parse().unwrap()));
        assert!(refusal(&metrics).contains("TALLY_METRICS_ADDR"), "{open}");
    }
    for fine in ["127.0.0.1:9100", "10.1.2.3:9100", "[fd00::1]:9100"] {
        let metrics = production_config(|c| c.metrics_addr = Some(fine.parse().unwrap()));
        assert!(production::check(&metrics).is_ok(), "{fine}");
    }
    let with_token = production_config(|c| {
        c.metrics_addr = Some("0.0.0.0:9100".parse().unwrap());
        c.metrics_token = Some("a-long-enough-metrics-token-0123456789".to_owned().into());
    });
    assert!(production::check(&with_token).is_ok(), "a token guards it");
    let development = Config {
        environment: Environment::Development,
        ..production_config(|c| c.cookie_secure = CookieSecure::Never)
    };
    assert!(
        production::check(&development).is_ok(),
        "development allows it"
    );
}

#[test]
fn production_warns_about_what_may_be_deliberate() {
    let clean = production_config(|c| c.trusted_documents_only = None);
    let risky = production_config(|c| {
        c.trusted_documents_only = Some(false);
        c.graphiql_enabled = Some(true);
        c.graphql_introspection = Some(true);
        c.trusted_proxies = Vec::new();
        c.rate_limit_login_per_minute = 0;
    });

    assert_eq!(production::check(&clean).unwrap(), Vec::<String>::new());
    let warnings = production::check(&risky).unwrap().join("\n");
    for setting in [
        "GRAPHIQL_ENABLED",
        "GRAPHQL_INTROSPECTION",
        "TRUSTED_PROXIES",
        "RATE_LIMIT_LOGIN_PER_MINUTE",
        "TRUSTED_DOCUMENTS_ONLY",
    ] {
        assert!(warnings.contains(setting), "{setting}: {warnings}");
    }
}

#[tokio::test]
async fn a_weak_development_secret_on_disk_is_refused_like_one_from_the_environment() {
    let dir = std::env::temp_dir().join(format!("tally-weak-{}", uuid::Uuid::new_v4()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("jwt-secret"), "hunter2\n").unwrap();
    let mut config = Config::defaults();
    config.addr = "127.0.0.1:0".parse().unwrap();
    config.database_url = Some("sqlite::memory:".to_owned());
    config.data_dir = dir.clone();

    let built = tally::App::build(config).await;

    let message = match built {
        Ok(_) => panic!("a weak secret file was accepted"),
        Err(err) => format!("{err:#}"),
    };
    assert!(message.contains("too weak"), "{message}");
    assert!(
        !message.contains("hunter2"),
        "the secret is never printed: {message}"
    );
    std::fs::remove_dir_all(&dir).ok();
}
