//! Access-token rules. A hand-made token with every right part is accepted (the positive
//! control); each refused token below differs from it in exactly one thing, and is answered
//! with HTTP 401, `WWW-Authenticate: Bearer error="invalid_token"` and a GraphQL-shaped
//! `UNAUTHENTICATED` body. No `Authorization` header at all is an anonymous request instead.

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use jsonwebtoken::{Algorithm, Header};
use serde_json::{Map, Value, json};

use crate::helpers::{TestApp, TestUser, error_with_code, sign_with};

const ME: &str = "{ me { id } }";

/// A running app, one of its users, and what it takes to forge that user's tokens.
struct Forge {
    app: TestApp,
    user: TestUser,
    kid: String,
    /// The real token's session (`sid`) and token version (`ver`) claims.
    session: Map<String, Value>,
}

impl Forge {
    async fn new() -> Self {
        let app = TestApp::spawn().await;
        let user = app.signed_up_user().await;
        let real = jsonwebtoken::decode_header(&user.token).expect("a real token has a header");
        let kid = real.kid.expect("a real token names its key");
        let payload = user.token.split('.').nth(1).expect("a payload");
        let payload = URL_SAFE_NO_PAD.decode(payload).expect("base64url payload");
        let real: Map<String, Value> = serde_json::from_slice(&payload).expect("JSON claims");
        let session = real
            .into_iter()
            .filter(|(name, _)| name == "sid" || name == "ver")
            .collect::<Map<_, _>>();
        assert_eq!(
            session.len(),
            2,
            "a real token names its session and version"
        );
        Self {
            app,
            user,
            kid,
            session,
        }
    }

    /// The header of a real access token.
    fn header(&self) -> Header {
        let mut header = Header::new(Algorithm::HS256);
        header.typ = Some("at+jwt".to_owned());
        header.kid = Some(self.kid.clone());
        header
    }

    /// The claims of a real access token for `sub`, issued now, valid for ten minutes.
    fn claims_for(&self, sub: &str) -> Map<String, Value> {
        let now = now();
        let claims = json!({
            "sub": sub,
            "iss": "tally",
            "aud": "tally-api",
            "exp": now + 600,
            "nbf": now,
            "iat": now,
            "jti": uuid::Uuid::new_v4().to_string(),
        });
        let mut claims = claims.as_object().expect("claims are an object").clone();
        claims.extend(self.session.clone());
        claims
    }

    /// Sign with the app's real secret.
    fn sign(&self, header: &Header, claims: &Map<String, Value>) -> String {
        sign_with(self.app.jwt_secret.as_bytes(), header, claims)
    }

    /// A token exactly like a real one for this user, but for what `change` does to it.
    fn token_where(&self, change: impl FnOnce(&mut Header, &mut Map<String, Value>)) -> String {
        let mut header = self.header();
        let mut claims = self.claims_for(&self.user.id);
        change(&mut header, &mut claims);
        self.sign(&header, &claims)
    }

    /// A token like a real one for this user, with claim `name` set to `value`.
    fn token_with_claim(&self, name: &str, value: Value) -> String {
        self.token_where(|_, claims| {
            claims.insert(name.to_owned(), value);
        })
    }

    /// A token like a real one for this user, without claim `name`.
    fn token_without_claim(&self, name: &str) -> String {
        self.token_where(|_, claims| {
            claims.remove(name);
        })
    }

    /// The token lets its user in: `me` is this user.
    async fn assert_accepted(&self, token: &str, case: &str) {
        let body = self.app.gql(Some(token), ME, json!({})).await;
        assert!(
            body.get("errors").is_none(),
            "{case}: should be accepted: {body}"
        );
        assert_eq!(body["data"]["me"]["id"], self.user.id.as_str(), "{case}");
    }

    /// The token is refused with 401 and an `invalid_token` challenge.
    async fn assert_refused(&self, token: &str, case: &str) {
        let authorization = format!("Bearer {token}");
        assert_unauthorized(&self.app, &authorization, "invalid_token", case).await;
    }
}

fn now() -> i64 {
    chrono::Utc::now().timestamp()
}

/// The three dot-separated parts of a signed token.
fn token_parts(token: &str) -> [&str; 3] {
    let parts: Vec<&str> = token.split('.').collect();
    parts
        .try_into()
        .unwrap_or_else(|parts| panic!("three parts expected: {parts:?}"))
}

fn base64url_json(value: &Value) -> String {
    URL_SAFE_NO_PAD.encode(value.to_string())
}

/// POST `{ me { id } }` with this exact `Authorization` header.
async fn post_with_authorization(app: &TestApp, authorization: &str) -> reqwest::Response {
    app.client
        .post(app.url("/graphql"))
        .header("Authorization", authorization)
        .json(&json!({ "query": ME }))
        .send()
        .await
        .expect("request sent")
}

/// HTTP 401, `WWW-Authenticate: Bearer error="<error>"`, and exactly
/// `{"errors":[{"message":…,"extensions":{"code":"UNAUTHENTICATED"}}]}`.
async fn assert_unauthorized(app: &TestApp, authorization: &str, error: &str, case: &str) {
    let response = post_with_authorization(app, authorization).await;
    let status = response.status().as_u16();
    let challenge = response
        .headers()
        .get("www-authenticate")
        .map(|v| v.to_str().expect("an ASCII challenge").to_owned());
    let body: Value = response.json().await.expect("a JSON body");
    assert_eq!(status, 401, "{case}: HTTP status; body: {body}");
    assert_eq!(
        challenge.as_deref(),
        Some(format!("Bearer error=\"{error}\"").as_str()),
        "{case}: WWW-Authenticate"
    );
    let object = body.as_object().expect("the body is an object");
    assert_eq!(
        object.keys().collect::<Vec<_>>(),
        ["errors"],
        "{case}: only errors, no data: {body}"
    );
    let error = error_with_code(&body, "UNAUTHENTICATED");
    let message = error["message"].as_str().unwrap_or_default();
    assert!(!message.is_empty(), "{case}: a message: {body}");
}

// --- The positive controls ------------------------------------------------------------------

#[tokio::test]
async fn a_real_token_has_the_header_the_forged_tokens_copy() {
    let forge = Forge::new().await;

    let header = jsonwebtoken::decode_header(&forge.user.token).expect("a header");

    assert_eq!(header.alg, Algorithm::HS256);
    assert_eq!(header.typ.as_deref(), Some("at+jwt"));
    assert!(!forge.kid.is_empty(), "a non-empty kid");
    forge
        .assert_accepted(&forge.user.token, "the real token")
        .await;
}

#[tokio::test]
async fn a_hand_made_token_with_every_right_part_is_accepted() {
    let forge = Forge::new().await;

    let token = forge.token_where(|_, _| {});

    forge.assert_accepted(&token, "the positive control").await;
}

#[tokio::test]
async fn a_token_expired_three_seconds_ago_is_still_accepted_within_the_leeway() {
    let forge = Forge::new().await;

    let token = forge.token_with_claim("exp", json!(now() - 3));

    forge.assert_accepted(&token, "expired 3 s ago").await;
}

// --- Forged headers and signatures ----------------------------------------------------------

#[tokio::test]
async fn an_unsigned_token_with_alg_none_is_refused() {
    let forge = Forge::new().await;
    let header = json!({ "alg": "none", "typ": "at+jwt", "kid": forge.kid });
    let claims = Value::Object(forge.claims_for(&forge.user.id));

    let token = format!("{}.{}.", base64url_json(&header), base64url_json(&claims));

    forge.assert_refused(&token, "alg none").await;
}

#[tokio::test]
async fn a_token_whose_payload_was_changed_after_signing_is_refused() {
    let forge = Forge::new().await;
    let victim = forge.app.signed_up_user().await;
    let mut claims = forge.claims_for(&forge.user.id);
    let signed = forge.sign(&forge.header(), &claims);
    let [header, _payload, signature] = token_parts(&signed);
    claims.insert("sub".to_owned(), json!(victim.id));

    let token = format!(
        "{header}.{}.{signature}",
        base64url_json(&Value::Object(claims))
    );

    forge
        .assert_refused(&token, "sub changed after signing")
        .await;
}

#[tokio::test]
async fn a_token_signed_with_another_key_is_refused() {
    let forge = Forge::new().await;
    let claims = forge.claims_for(&forge.user.id);

    let token = sign_with(
        b"not-the-server-secret-but-just-as-long-0123456789",
        &forge.header(),
        &claims,
    );

    forge.assert_refused(&token, "wrong key").await;
}

#[tokio::test]
async fn a_token_signed_with_hs512_and_the_right_secret_is_refused() {
    let forge = Forge::new().await;

    let token = forge.token_where(|header, _| header.alg = Algorithm::HS512);

    forge.assert_refused(&token, "HS512").await;
}

#[tokio::test]
async fn a_token_of_type_jwt_instead_of_at_jwt_is_refused() {
    let forge = Forge::new().await;

    let token = forge.token_where(|header, _| header.typ = Some("JWT".to_owned()));

    forge.assert_refused(&token, "typ JWT").await;
}

#[tokio::test]
async fn a_token_without_a_type_is_refused() {
    let forge = Forge::new().await;

    let token = forge.token_where(|header, _| header.typ = None);

    forge.assert_refused(&token, "no typ").await;
}

#[tokio::test]
async fn a_token_without_a_key_id_is_refused() {
    let forge = Forge::new().await;

    let token = forge.token_where(|header, _| header.kid = None);

    forge.assert_refused(&token, "no kid").await;
}

#[tokio::test]
async fn a_token_with_an_unknown_key_id_is_refused() {
    let forge = Forge::new().await;

    let token = forge.token_where(|header, _| header.kid = Some("hs256-0000000000000000".into()));

    forge.assert_refused(&token, "unknown kid").await;
}

// --- Time -----------------------------------------------------------------------------------

/// Beyond the 5 s leeway; jsonwebtoken's default leeway of 60 s would let it through.
#[tokio::test]
async fn a_token_expired_thirty_seconds_ago_is_refused() {
    let forge = Forge::new().await;

    let token = forge.token_with_claim("exp", json!(now() - 30));

    forge.assert_refused(&token, "expired 30 s ago").await;
}

#[tokio::test]
async fn a_token_not_valid_before_a_minute_from_now_is_refused() {
    let forge = Forge::new().await;

    let token = forge.token_with_claim("nbf", json!(now() + 60));

    forge.assert_refused(&token, "nbf in 60 s").await;
}

#[tokio::test]
async fn a_token_issued_a_minute_in_the_future_is_refused() {
    let forge = Forge::new().await;

    let token = forge.token_with_claim("iat", json!(now() + 60));

    forge.assert_refused(&token, "iat in 60 s").await;
}

// --- Claims ---------------------------------------------------------------------------------

#[tokio::test]
async fn a_token_missing_any_required_claim_is_refused() {
    let forge = Forge::new().await;
    for claim in ["exp", "iss", "aud", "sub", "iat", "nbf"] {
        let token = forge.token_without_claim(claim);

        forge
            .assert_refused(&token, &format!("missing {claim}"))
            .await;
    }
}

#[tokio::test]
async fn a_token_for_another_audience_is_refused() {
    let forge = Forge::new().await;

    let token = forge.token_with_claim("aud", json!("some-other-api"));

    forge.assert_refused(&token, "wrong aud").await;
}

#[tokio::test]
async fn a_token_from_another_issuer_is_refused() {
    let forge = Forge::new().await;

    let token = forge.token_with_claim("iss", json!("not-tally"));

    forge.assert_refused(&token, "wrong iss").await;
}

#[tokio::test]
async fn a_token_whose_subject_is_not_a_uuid_is_refused() {
    let forge = Forge::new().await;

    let token = forge.token_with_claim("sub", json!("not-a-uuid"));

    forge.assert_refused(&token, "sub not a UUID").await;
}

// --- Not tokens at all ----------------------------------------------------------------------

#[tokio::test]
async fn garbage_bearer_tokens_are_refused() {
    let forge = Forge::new().await;
    let oversized = "a".repeat(5000);
    let cases = [
        ("garbage", "garbage"),
        ("a.b.c", "a.b.c"),
        ("..", "two dots"),
        (".", "one dot"),
        ("e30.e30.", "empty JSON header and claims"),
        (oversized.as_str(), "5000 bytes"),
    ];
    for (token, case) in cases {
        forge.assert_refused(token, case).await;
    }
}

#[tokio::test]
async fn a_bearer_header_without_a_token_is_refused_as_an_invalid_request() {
    let app = TestApp::spawn().await;

    assert_unauthorized(&app, "Bearer", "invalid_request", "no token").await;
}

#[tokio::test]
async fn a_basic_authorization_header_is_refused_as_an_invalid_request() {
    let app = TestApp::spawn().await;

    assert_unauthorized(&app, "Basic dXNlcjpwYXNz", "invalid_request", "Basic").await;
}

// --- Anonymous requests ---------------------------------------------------------------------

#[tokio::test]
async fn without_an_authorization_header_every_user_operation_is_unauthenticated() {
    let app = TestApp::spawn().await;
    let id = uuid::Uuid::new_v4().to_string();
    let input = json!({ "date": "2026-01-15", "amount": "-1.00", "description": "x" });
    let cases = [
        ("me", "{ me { id } }", json!({})),
        ("accounts", "{ accounts { id } }", json!({})),
        ("categories", "{ categories { id } }", json!({})),
        (
            "transactions",
            "{ transactions(first: 5) { totalCount } }",
            json!({}),
        ),
        (
            "transaction",
            "query($id: UUID!) { transaction(id: $id) { id } }",
            json!({ "id": id }),
        ),
        (
            "createTransaction",
            "mutation($input: CreateTransactionInput!) { createTransaction(input: $input) { id } }",
            json!({ "input": input }),
        ),
        (
            "updateTransaction",
            "mutation($id: UUID!) { updateTransaction(id: $id, input: { description: \"y\" }) { id } }",
            json!({ "id": id }),
        ),
        (
            "deleteTransaction",
            "mutation($id: UUID!) { deleteTransaction(id: $id) }",
            json!({ "id": id }),
        ),
    ];
    for (case, query, variables) in cases {
        let body = app.gql(None, query, variables).await;

        error_with_code(&body, "UNAUTHENTICATED");
        assert_eq!(body["data"], Value::Null, "{case}: no data: {body}");
    }
}

#[tokio::test]
async fn an_anonymous_delete_leaves_the_owners_transaction_in_place() {
    let app = TestApp::spawn().await;
    let owner = app.signed_up_user().await;
    let created = app
        .create_transaction(
            &owner,
            json!({ "date": "2026-01-15", "amount": "-9.99", "description": "Lunch" }),
        )
        .await;
    let id = created["id"].as_str().expect("an id");

    let body = app
        .gql(
            None,
            "mutation($id: UUID!) { deleteTransaction(id: $id) }",
            json!({ "id": id }),
        )
        .await;

    error_with_code(&body, "UNAUTHENTICATED");
    let data = app
        .ok(
            &owner.token,
            "query($id: UUID!) { transaction(id: $id) { description } }",
            json!({ "id": id }),
        )
        .await;
    assert_eq!(data["transaction"]["description"], "Lunch");
}

#[tokio::test]
async fn signup_and_login_work_without_a_token_and_their_tokens_are_accepted() {
    let app = TestApp::spawn().await;
    let signup = app
        .gql(
            None,
            "mutation($input: SignupInput!) { signup(input: $input) { accessToken tokenType user { id } } }",
            json!({ "input": { "username": "anon_signup", "email": "anon@example.com", "password": "a-long-password" } }),
        )
        .await;
    assert!(signup.get("errors").is_none(), "signup: {signup}");
    assert_eq!(signup["data"]["signup"]["tokenType"], "Bearer");
    let user_id = &signup["data"]["signup"]["user"]["id"];

    let login = app
        .gql(
            None,
            "mutation($input: LoginInput!) { login(input: $input) { accessToken } }",
            json!({ "input": { "email": "anon@example.com", "password": "a-long-password" } }),
        )
        .await;

    assert!(login.get("errors").is_none(), "login: {login}");
    let token = login["data"]["login"]["accessToken"]
        .as_str()
        .expect("an access token");
    let me = app.ok(token, ME, json!({})).await;
    assert_eq!(&me["me"]["id"], user_id);
}
