//! `AppError`: the one error type of the service layer, and its mapping to GraphQL errors
//! with an Apollo-style `extensions.code`.
//!
//! Database and internal errors are logged here with their cause and answered with a generic
//! message, so nothing internal (SQL, constraint names, stack details) reaches a client.
//! `AppError` deliberately does not implement `Display`: async-graphql converts any `Display`
//! type into an error without extensions, and this way the only conversion is ours.

use async_graphql::ErrorExtensions;
use axum::response::IntoResponse;

/// The `extensions.code` values Tally answers with.
pub mod code {
    pub const UNAUTHENTICATED: &str = "UNAUTHENTICATED";
    pub const FORBIDDEN: &str = "FORBIDDEN";
    pub const BAD_USER_INPUT: &str = "BAD_USER_INPUT";
    pub const NOT_FOUND: &str = "NOT_FOUND";
    pub const CONFLICT: &str = "CONFLICT";
    pub const RATE_LIMITED: &str = "RATE_LIMITED";
    pub const INTERNAL_SERVER_ERROR: &str = "INTERNAL_SERVER_ERROR";
    /// The HTTP request itself is malformed (not JSON, wrong content type, too large).
    pub const BAD_REQUEST: &str = "BAD_REQUEST";
    /// The GraphQL document does not parse.
    pub const GRAPHQL_PARSE_FAILED: &str = "GRAPHQL_PARSE_FAILED";
    /// The GraphQL document does not validate against the schema or the limits.
    pub const GRAPHQL_VALIDATION_FAILED: &str = "GRAPHQL_VALIDATION_FAILED";
    /// The document is valid but `operationName` picks no operation (or is missing).
    pub const OPERATION_RESOLUTION_FAILURE: &str = "OPERATION_RESOLUTION_FAILURE";
    /// The request ran past `GRAPHQL_TIMEOUT_SECONDS` and was stopped (HTTP 504).
    pub const TIMEOUT: &str = "TIMEOUT";
}

/// Message of every internal error: the cause goes to the log, never to the client.
pub const INTERNAL_MESSAGE: &str = "Internal server error";

/// What can go wrong in a service call, as the client should learn it.
#[derive(Debug)]
pub enum AppError {
    /// No viewer, or the viewer's credentials do not hold.
    Unauthenticated(&'static str),
    /// The viewer may not do this (reserved for role checks; another user's row is `NotFound`).
    Forbidden(&'static str),
    /// Input that fails validation; `field` names the input field (e.g. `input.amount`).
    BadUserInput { field: String, message: String },
    /// No such row *for this viewer*. Other users' rows are reported the same way.
    NotFound { entity: &'static str },
    /// A uniqueness rule; `field` names the input field that collides.
    Conflict {
        field: &'static str,
        message: String,
    },
    /// Too many attempts; the client may retry after this many seconds.
    RateLimited { retry_after_secs: u64 },
    /// Anything else: logged with its cause, answered generically.
    Internal(anyhow::Error),
}

/// Result of a service call.
pub type AppResult<T> = Result<T, AppError>;

impl AppError {
    /// Invalid input in the named field.
    pub fn bad_input(field: impl Into<String>, message: impl Into<String>) -> Self {
        Self::BadUserInput {
            field: field.into(),
            message: message.into(),
        }
    }

    /// No such row for this viewer.
    pub fn not_found(entity: &'static str) -> Self {
        Self::NotFound { entity }
    }

    /// An internal failure with its cause (logged, never shown).
    pub fn internal(cause: impl Into<anyhow::Error>) -> Self {
        Self::Internal(cause.into())
    }

    /// The `extensions.code` of this error.
    pub fn code(&self) -> &'static str {
        match self {
            Self::Unauthenticated(_) => code::UNAUTHENTICATED,
            Self::Forbidden(_) => code::FORBIDDEN,
            Self::BadUserInput { .. } => code::BAD_USER_INPUT,
            Self::NotFound { .. } => code::NOT_FOUND,
            Self::Conflict { .. } => code::CONFLICT,
            Self::RateLimited { .. } => code::RATE_LIMITED,
            Self::Internal(_) => code::INTERNAL_SERVER_ERROR,
        }
    }

    /// The message a client sees.
    pub fn message(&self) -> String {
        match self {
            Self::Unauthenticated(message) | Self::Forbidden(message) => (*message).to_owned(),
            Self::BadUserInput { message, .. } | Self::Conflict { message, .. } => message.clone(),
            Self::NotFound { entity } => format!("{entity} not found"),
            Self::RateLimited { retry_after_secs } => {
                format!("Too many attempts; try again in {retry_after_secs} seconds")
            }
            Self::Internal(_) => INTERNAL_MESSAGE.to_owned(),
        }
    }
}

/// A response carrying one GraphQL-shaped error, for failures before GraphQL runs (bad
/// token, malformed HTTP request), so every client parses every failure the same way.
pub fn graphql_error_response(
    status: axum::http::StatusCode,
    code: &'static str,
    message: &str,
) -> axum::response::Response {
    let body = serde_json::json!({
        "errors": [{ "message": message, "extensions": { "code": code } }]
    });
    (status, axum::Json(body)).into_response()
}

impl From<AppError> for async_graphql::Error {
    fn from(err: AppError) -> Self {
        if let AppError::Internal(cause) = &err {
            tracing::error!(error = format!("{cause:#}"), "internal error");
        }
        let code = err.code();
        async_graphql::Error::new(err.message()).extend_with(|_, ext| {
            ext.set("code", code);
            match &err {
                AppError::BadUserInput { field, .. } => ext.set("field", field.as_str()),
                AppError::Conflict { field, .. } => ext.set("field", *field),
                AppError::RateLimited { retry_after_secs } => {
                    ext.set("retryAfter", *retry_after_secs)
                }
                _ => {}
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn extensions(err: AppError) -> (String, serde_json::Value) {
        let gql: async_graphql::Error = err.into();
        let ext = serde_json::to_value(gql.extensions).expect("extensions serialise");
        (gql.message, ext)
    }

    #[test]
    fn each_variant_maps_to_its_apollo_code() {
        let cases = [
            (AppError::Unauthenticated("x"), code::UNAUTHENTICATED),
            (AppError::Forbidden("x"), code::FORBIDDEN),
            (AppError::bad_input("f", "x"), code::BAD_USER_INPUT),
            (AppError::not_found("account"), code::NOT_FOUND),
            (
                AppError::Conflict {
                    field: "email",
                    message: "x".into(),
                },
                code::CONFLICT,
            ),
            (
                AppError::RateLimited {
                    retry_after_secs: 3,
                },
                code::RATE_LIMITED,
            ),
            (
                AppError::internal(anyhow::anyhow!("boom")),
                code::INTERNAL_SERVER_ERROR,
            ),
        ];
        for (err, expected) in cases {
            let (_, ext) = extensions(err);
            assert_eq!(ext["code"], expected);
        }
    }

    #[test]
    fn bad_input_and_conflict_name_the_field() {
        let (_, ext) = extensions(AppError::bad_input("input.amount", "too many decimals"));
        assert_eq!(ext["field"], "input.amount");
        let conflict = AppError::Conflict {
            field: "username",
            message: "taken".into(),
        };
        assert_eq!(extensions(conflict).1["field"], "username");
    }

    #[test]
    fn internal_errors_never_show_their_cause() {
        let (message, _) = extensions(AppError::internal(anyhow::anyhow!("password_hash column")));
        assert_eq!(message, INTERNAL_MESSAGE);
    }

    #[tokio::test]
    async fn a_timeout_is_a_graphql_shaped_body_with_code_timeout() {
        let status = axum::http::StatusCode::GATEWAY_TIMEOUT;
        let response = graphql_error_response(status, code::TIMEOUT, "too slow");
        assert_eq!(response.status(), status);
        let bytes = axum::body::to_bytes(response.into_body(), usize::MAX)
            .await
            .expect("a body");
        let body: serde_json::Value = serde_json::from_slice(&bytes).expect("JSON");
        assert_eq!(body["errors"][0]["extensions"]["code"], "TIMEOUT");
        assert_eq!(body["errors"][0]["message"], "too slow");
    }

    #[test]
    fn rate_limited_says_when_to_retry() {
        let (message, ext) = extensions(AppError::RateLimited {
            retry_after_secs: 30,
        });
        assert_eq!(ext["retryAfter"], 30);
        assert!(message.contains("30 seconds"));
    }
}
