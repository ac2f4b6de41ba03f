//! Every GraphQL error leaves with an `extensions.code` ([`code`]). Our own errors get theirs
//! as they become GraphQL errors (the `From<AppError>` below); [`label`] gives one to those async-graphql raises itself: a document
//! that fails validation or a limit, an operation name that matches nothing, and arguments or
//! variables that a scalar or input type refuses (`BAD_USER_INPUT`). Parse failures are
//! labelled where the document is parsed (`Api::execute`).
//!
//! Error messages quote what the client sent (a parse error shows the line it failed on, an
//! unknown field its name), so [`label`] also bounds them ([`bounded`]) and their number: a
//! 500 KB document on one line must not come back as a 500 KB error.
//!
//! This is done on the response, not in an async-graphql extension: any extension sends every
//! field of every response through the slow, per-field extension path.

use async_graphql::{ErrorExtensions, Response, ServerError};

use crate::error::AppError;

/// The `extensions.code` values Tally answers with.
pub mod code {
    pub const UNAUTHENTICATED: &str = "UNAUTHENTICATED";
    pub const FORBIDDEN: &str = "FORBIDDEN";
    pub const BAD_USER_INPUT: &str = "BAD_USER_INPUT";
    pub const NOT_FOUND: &str = "NOT_FOUND";
    pub const CONFLICT: &str = "CONFLICT";
    pub const RATE_LIMITED: &str = "RATE_LIMITED";
    pub const INTERNAL_SERVER_ERROR: &str = "INTERNAL_SERVER_ERROR";
    /// The database cannot be reached right now; retry shortly.
    pub const UNAVAILABLE: &str = "UNAVAILABLE";
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
    /// A document id names no trusted document (Apollo's persisted-query code).
    pub const PERSISTED_QUERY_NOT_FOUND: &str = "PERSISTED_QUERY_NOT_FOUND";
    /// The server runs only trusted documents and the request sent its own.
    pub const TRUSTED_DOCUMENTS_ONLY: &str = "TRUSTED_DOCUMENTS_ONLY";
    /// The password was right and the account has a second factor: answer
    /// `extensions.challenge` with `completeTwoFactorLogin` before `extensions.expiresAt`.
    pub const TWO_FACTOR_REQUIRED: &str = "TWO_FACTOR_REQUIRED";
    /// A two-factor code or recovery code is wrong, already used, or missing.
    pub const INVALID_TWO_FACTOR_CODE: &str = "INVALID_TWO_FACTOR_CODE";
    /// A WebSocket connection already holds `TALLY_WS_MAX_SUBSCRIPTIONS` subscriptions.
    pub const SUBSCRIPTION_LIMIT: &str = "SUBSCRIPTION_LIMIT";

    /// Every code above: the metrics label errors with these alone.
    pub const ALL: &[&str] = &[
        UNAUTHENTICATED,
        FORBIDDEN,
        BAD_USER_INPUT,
        NOT_FOUND,
        CONFLICT,
        RATE_LIMITED,
        INTERNAL_SERVER_ERROR,
        UNAVAILABLE,
        BAD_REQUEST,
        GRAPHQL_PARSE_FAILED,
        GRAPHQL_VALIDATION_FAILED,
        OPERATION_RESOLUTION_FAILURE,
        TIMEOUT,
        PERSISTED_QUERY_NOT_FOUND,
        TRUSTED_DOCUMENTS_ONLY,
        TWO_FACTOR_REQUIRED,
        INVALID_TWO_FACTOR_CODE,
        SUBSCRIPTION_LIMIT,
    ];

    /// `code` as one of [`ALL`], or `OTHER`.
    pub fn known(code: &str) -> &'static str {
        ALL.iter()
            .find(|known| **known == code)
            .copied()
            .unwrap_or("OTHER")
    }
}

/// The `extensions.code` of a service error.
pub fn code_of(err: &AppError) -> &'static str {
    match err {
        AppError::Unauthenticated(_) => code::UNAUTHENTICATED,
        AppError::Forbidden(_) => code::FORBIDDEN,
        AppError::BadUserInput { .. } => code::BAD_USER_INPUT,
        AppError::NotFound { .. } => code::NOT_FOUND,
        AppError::Conflict { .. } => code::CONFLICT,
        AppError::InvalidTwoFactorCode(_) => code::INVALID_TWO_FACTOR_CODE,
        AppError::RateLimited { .. } => code::RATE_LIMITED,
        AppError::Unavailable => code::UNAVAILABLE,
        AppError::Internal(_) => code::INTERNAL_SERVER_ERROR,
    }
}

/// A service error as GraphQL answers it: its message, `extensions.code`, and the field it
/// concerns (`extensions.field`) or when to retry (`extensions.retryAfter`). An internal
/// error's cause is logged here, never sent.
impl From<AppError> for async_graphql::Error {
    fn from(err: AppError) -> Self {
        if let AppError::Internal(cause) = &err {
            tracing::error!(error = format!("{cause:#}"), "internal error");
        }
        let code = code_of(&err);
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

/// Is this error the database being unavailable (answered HTTP 503 when it is all there is)?
pub fn is_unavailable(err: &ServerError) -> bool {
    err.extensions
        .as_ref()
        .and_then(|ext| ext.get("code"))
        .is_some_and(|c| *c == async_graphql::Value::from(code::UNAVAILABLE))
}

/// Longest line of an error message, in characters (a parse error quotes the line).
const MAX_LINE_CHARS: usize = 200;
/// Longest error message, in characters.
const MAX_MESSAGE_CHARS: usize = 1000;
/// Most errors in one response.
const MAX_ERRORS: usize = 50;

/// Give every error of `response` that has no code the one that fits it; an argument that
/// its type refused also gets `extensions.field` and a hint of the expected form. Messages
/// are [`bounded`], and past [`MAX_ERRORS`] errors one more says how many were left out.
pub fn label(response: &mut Response) {
    if response.errors.len() > MAX_ERRORS {
        let left_out = response.errors.len() - (MAX_ERRORS - 1);
        let first_left_out = response.errors.swap_remove(MAX_ERRORS - 1);
        response.errors.truncate(MAX_ERRORS - 1);
        let mut note = ServerError::new(format!("{left_out} more errors were left out"), None);
        note.extensions = first_left_out.extensions;
        note.path = first_left_out.path;
        response.errors.push(note);
    }
    for err in &mut response.errors {
        err.message = bounded(&err.message);
        explain_invalid_argument(err);
        let code = if is_input_error(err) {
            code::BAD_USER_INPUT
        } else if is_operation_choice_error(err) {
            code::OPERATION_RESOLUTION_FAILURE
        } else if err.path.is_empty() {
            code::GRAPHQL_VALIDATION_FAILED
        } else {
            code::INTERNAL_SERVER_ERROR
        };
        set_code_if_missing(err, code);
    }
}

/// `message` with each line cut to [`MAX_LINE_CHARS`] and the whole to [`MAX_MESSAGE_CHARS`]
/// characters (a cut is marked with `…`).
pub fn bounded(message: &str) -> String {
    let fits = message.len() <= MAX_LINE_CHARS
        || (message.len() <= MAX_MESSAGE_CHARS
            && message.lines().all(|line| line.len() <= MAX_LINE_CHARS));
    if fits {
        return message.to_owned();
    }
    let mut out = String::new();
    for (i, line) in message.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        out.extend(line.chars().take(MAX_LINE_CHARS));
        if line.chars().nth(MAX_LINE_CHARS).is_some() {
            out.push('…');
        }
        if out.chars().nth(MAX_MESSAGE_CHARS).is_some() {
            break;
        }
    }
    if out.chars().nth(MAX_MESSAGE_CHARS).is_some() {
        out = out.chars().take(MAX_MESSAGE_CHARS).collect();
        out.push('…');
    }
    out
}

/// The form each custom scalar takes, for error messages.
const SCALAR_FORMS: &[(&str, &str)] = &[
    (
        "Decimal",
        "a decimal string such as \"-12.50\" (JSON numbers are refused)",
    ),
    ("Date", "a calendar date as \"YYYY-MM-DD\""),
    ("Month", "a calendar month as \"YYYY-MM\""),
    (
        "DateTime",
        "an RFC 3339 instant such as \"2026-11-27T09:30:00Z\"",
    ),
    (
        "UUID",
        "a UUID such as \"0193a1c2-7d5e-7c3a-9b1f-2a4c6e8d0f12\"",
    ),
];

/// `Invalid value for argument "input.amount", expected type "Decimal"`: name the field in
/// `extensions.field` and say what form the value must take.
fn explain_invalid_argument(err: &mut ServerError) {
    let Some(rest) = err.message.strip_prefix("Invalid value for argument \"") else {
        return;
    };
    let Some((field, rest)) = rest.split_once('"') else {
        return;
    };
    let field = field.to_owned();
    let expected = rest
        .split_once("expected type \"")
        .and_then(|(_, ty)| ty.split_once('"'))
        .map(|(ty, _)| ty.trim_end_matches('!'));
    if let Some((_, form)) = SCALAR_FORMS
        .iter()
        .find(|(name, _)| Some(*name) == expected)
    {
        err.message = format!("{}: expected {form}", err.message);
    }
    err.extensions
        .get_or_insert_with(Default::default)
        .set("field", field);
}

/// Add `code` unless the error already has one.
pub fn with_code(mut err: ServerError, code: &'static str) -> ServerError {
    set_code_if_missing(&mut err, code);
    err
}

fn set_code_if_missing(err: &mut ServerError, code: &'static str) {
    let has_code = err
        .extensions
        .as_ref()
        .is_some_and(|ext| ext.get("code").is_some());
    if !has_code {
        err.extensions
            .get_or_insert_with(Default::default)
            .set("code", code);
    }
}

/// Did this error stop the request before execution (GraphQL-over-HTTP's "request error")?
/// Parse and validation failures carry no path; arguments and variables refused by an input
/// type are found by async-graphql while resolving, but are request errors all the same.
pub fn is_request_error(err: &ServerError) -> bool {
    err.path.is_empty() || is_input_error(err)
}

/// Errors raised while coercing arguments and variables into input types.
fn is_input_error(err: &ServerError) -> bool {
    err.message.starts_with("Invalid value for argument")
        || err.message.starts_with("Failed to parse")
        || err.message.starts_with("Variable")
        || err.message.contains("Expected input type")
}

/// The document is valid but names no operation that can run.
fn is_operation_choice_error(err: &ServerError) -> bool {
    err.message.starts_with("Unknown operation")
        || err.message.starts_with("Operation name required")
}

#[cfg(test)]
mod tests;
