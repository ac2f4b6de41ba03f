//! Failures answered before GraphQL runs — a refused token (`http/caller.rs`), a malformed
//! HTTP request, a timeout, a panic — as GraphQL-shaped bodies with `extensions.code`, so every client parses
//! every failure the same way.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

/// A response carrying one GraphQL-shaped error, for failures before GraphQL runs (bad
/// token, malformed HTTP request), so every client parses every failure the same way.
pub fn graphql_error_response(status: StatusCode, code: &'static str, message: &str) -> Response {
    let body = serde_json::json!({
        "errors": [{ "message": message, "extensions": { "code": code } }]
    });
    (status, axum::Json(body)).into_response()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graphql::errors::code;

    #[tokio::test]
    async fn a_timeout_is_a_graphql_shaped_body_with_code_timeout() {
        let status = StatusCode::GATEWAY_TIMEOUT;
        let response = graphql_error_response(status, code::TIMEOUT, "too slow");
        assert_eq!(response.status(), status);
        let bytes = axum::body::to_bytes(response.into_body(), usize::MAX)
            .await
            .expect("a body");
        let body: serde_json::Value = serde_json::from_slice(&bytes).expect("JSON");
        assert_eq!(body["errors"][0]["extensions"]["code"], "TIMEOUT");
        assert_eq!(body["errors"][0]["message"], "too slow");
    }
}
