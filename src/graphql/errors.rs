//! Every GraphQL error leaves with an `extensions.code`. Our own errors carry one already
//! (see `crate::error`); [`label`] gives one to those async-graphql raises itself: a document
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

use async_graphql::{Response, ServerError};

use crate::error::code;

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
mod tests {
    use super::*;

    fn labelled(message: &str, path: bool) -> String {
        let mut err = ServerError::new(message, None);
        if path {
            err.path = vec![async_graphql::PathSegment::Field("me".into())];
        }
        let mut response = Response::from_errors(vec![err]);
        label(&mut response);
        let ext = serde_json::to_value(&response.errors[0].extensions).unwrap();
        ext["code"].as_str().unwrap().to_owned()
    }

    #[test]
    fn async_graphql_errors_get_the_code_that_fits() {
        assert_eq!(
            labelled("Failed to parse \"UUID\": x", true),
            code::BAD_USER_INPUT
        );
        assert_eq!(
            labelled("Unknown operation named \"X\"", false),
            code::OPERATION_RESOLUTION_FAILURE
        );
        assert_eq!(
            labelled("Unknown field \"x\" on type \"User\".", false),
            code::GRAPHQL_VALIDATION_FAILED
        );
        assert_eq!(
            labelled("something else", true),
            code::INTERNAL_SERVER_ERROR
        );
    }

    #[test]
    fn a_refused_argument_names_its_field_and_the_expected_form() {
        let message = r#"Invalid value for argument "input.amount", expected type "Decimal""#;
        let mut response = Response::from_errors(vec![ServerError::new(message, None)]);
        label(&mut response);
        let err = &response.errors[0];
        assert!(
            err.message.contains("JSON numbers are refused"),
            "{}",
            err.message
        );
        let ext = serde_json::to_value(&err.extensions).unwrap();
        assert_eq!(ext["field"], "input.amount");
        assert_eq!(ext["code"], code::BAD_USER_INPUT);
    }

    #[test]
    fn long_messages_and_many_errors_are_cut() {
        let long_line = format!("1 | {}\n  = expected name", "{".repeat(500_000));
        let mut errors: Vec<ServerError> = (0..80)
            .map(|i| ServerError::new(format!("error {i}"), None))
            .collect();
        errors[0] = ServerError::new(long_line, None);
        let mut response = Response::from_errors(errors);
        label(&mut response);
        assert_eq!(response.errors.len(), MAX_ERRORS);
        let first = &response.errors[0].message;
        assert!(first.chars().count() < 220, "{}", first.len());
        assert!(first.ends_with("= expected name"), "{first}");
        let last = &response.errors[MAX_ERRORS - 1];
        assert_eq!(last.message, "31 more errors were left out");
        let ext = serde_json::to_value(&last.extensions).unwrap();
        assert_eq!(ext["code"], code::GRAPHQL_VALIDATION_FAILED);
        let many_lines = "x\n".repeat(5000);
        assert!(bounded(&many_lines).chars().count() <= MAX_MESSAGE_CHARS + 1);
        assert_eq!(bounded("short"), "short");
    }

    #[test]
    fn an_existing_code_is_kept() {
        let err = with_code(
            with_code(ServerError::new("x", None), code::NOT_FOUND),
            code::CONFLICT,
        );
        let ext = serde_json::to_value(&err.extensions).unwrap();
        assert_eq!(ext["code"], code::NOT_FOUND);
    }
}
