//! `/graphql`, per the GraphQL-over-HTTP spec. `POST` takes a JSON body (any other content
//! type is HTTP 415, which is also what keeps HTML forms — cross-site request forgery — from
//! reaching the API); `GET` with a `query` parameter runs queries only ([`get`]). Responses
//! are `application/graphql-response+json` when the client accepts it (request errors are
//! then HTTP 400) or `application/json` (always 200 for a well-formed request). Malformed HTTP
//! requests get a GraphQL-shaped error body with `extensions.code = BAD_REQUEST`; a request
//! that runs past the configured timeout is stopped and answered with HTTP 504 `TIMEOUT`; one
//! refused by the rate limits gets HTTP 429 with `Retry-After`; a body that does not arrive
//! within `TALLY_BODY_READ_TIMEOUT_SECONDS` is HTTP 408 `BAD_REQUEST`.

mod get;

use std::time::Duration;

use axum::body::{Body, Bytes};
use axum::extract::State;
use axum::http::header::{ACCEPT, CONNECTION, CONTENT_TYPE};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};

pub use get::get;

use super::AppState;
use super::errors::graphql_error_response;
use crate::auth::Caller;
use crate::error::INTERNAL_MESSAGE;
use crate::graphql::errors::code;
use crate::graphql::{RequestContext, errors, rate_limit};
use crate::meter;

const GRAPHQL_RESPONSE_JSON: &str = "application/graphql-response+json";
const JSON: &str = "application/json";

/// `POST /graphql`: run one GraphQL request for the viewer (if any).
pub async fn execute(
    State(state): State<AppState>,
    caller: Caller,
    headers: HeaderMap,
    body: Body,
) -> Response {
    let limits = (state.max_body_bytes, state.body_read_timeout);
    let body = match read_request(&headers, body, limits).await {
        Ok(body) => body,
        Err(rejection) => return rejection,
    };
    let request = state.api.resolve_document(body.request, body.document_id);
    run(&state, caller, &headers, request).await
}

/// A POST body: a GraphQL request, perhaps naming a trusted document instead of its text.
#[derive(serde::Deserialize)]
struct PostBody {
    #[serde(flatten)]
    request: async_graphql::Request,
    #[serde(rename = "documentId")]
    document_id: Option<String>,
}

/// Execute `request` within the timeout and answer it in `media_type` (or the error that
/// refused its document).
async fn run(
    state: &AppState,
    caller: Caller,
    headers: &HeaderMap,
    request: Result<async_graphql::Request, async_graphql::ServerError>,
) -> Response {
    let media_type = response_media_type(headers);
    let request = match request {
        Ok(request) => request,
        Err(err) => {
            let mut response = async_graphql::Response::from_errors(vec![err]);
            errors::label(&mut response);
            return respond(media_type, &response);
        }
    };
    let context = RequestContext::new(caller).with_headers(headers);
    let operation = meter::enabled()
        .then(|| request.operation_name.clone())
        .flatten();
    let execution = state.api.execute(request, context);
    let response = match state.graphql_timeout {
        // Dropping the execution drops any open database transaction, which rolls it back.
        Some(limit) => match tokio::time::timeout(limit, execution).await {
            Ok(response) => response,
            Err(_) => {
                meter::graphql_request(operation.as_deref(), meter::Outcome::Timeout, None);
                meter::graphql_error(code::TIMEOUT);
                return timed_out(limit);
            }
        },
        None => execution.await,
    };
    respond(media_type, &response)
}

/// HTTP 504 with `TIMEOUT`: the server gave up on its own work, as a gateway gives up on
/// an upstream (503 would say the server is unavailable, which it is not).
fn timed_out(limit: Duration) -> Response {
    tracing::warn!(limit_ms = limit.as_millis(), "a GraphQL request timed out");
    let message = format!(
        "The request did not finish within {limit:?} and was stopped; a change that had not \
         completed was not saved"
    );
    graphql_error_response(StatusCode::GATEWAY_TIMEOUT, code::TIMEOUT, &message)
}

/// The response in `media_type`, with the status GraphQL-over-HTTP asks for.
fn respond(media_type: &'static str, response: &async_graphql::Response) -> Response {
    let request_error = response.data == async_graphql::Value::Null
        && !response.errors.is_empty()
        && response.errors.iter().all(errors::is_request_error);
    let unavailable = response.data == async_graphql::Value::Null
        && !response.errors.is_empty()
        && response.errors.iter().all(errors::is_unavailable);
    let status = if rate_limit::refused(response) {
        StatusCode::TOO_MANY_REQUESTS
    } else if unavailable {
        StatusCode::SERVICE_UNAVAILABLE
    } else if request_error && media_type == GRAPHQL_RESPONSE_JSON {
        StatusCode::BAD_REQUEST
    } else {
        StatusCode::OK
    };
    // A request error has no `data` entry at all (GraphQL-over-HTTP).
    let body = if request_error {
        serde_json::to_vec(&RequestErrors {
            errors: &response.errors,
        })
    } else {
        serde_json::to_vec(response)
    };
    match body {
        Ok(body) => {
            let mut reply = (
                status,
                [(CONTENT_TYPE, HeaderValue::from_static(media_type))],
                body,
            )
                .into_response();
            // Headers resolvers set (e.g. `Set-Cookie` for the refresh cookie).
            for (name, value) in &response.http_headers {
                reply.headers_mut().append(name, value.clone());
            }
            reply
        }
        Err(err) => {
            tracing::error!(error = %err, "serialising a GraphQL response failed");
            let status = StatusCode::INTERNAL_SERVER_ERROR;
            graphql_error_response(status, code::INTERNAL_SERVER_ERROR, INTERNAL_MESSAGE)
        }
    }
}

#[derive(serde::Serialize)]
struct RequestErrors<'a> {
    errors: &'a [async_graphql::ServerError],
}

/// A `BAD_REQUEST` error response; the message is bounded (a JSON error may quote the body).
fn bad_request(status: StatusCode, message: &str) -> Response {
    graphql_error_response(status, code::BAD_REQUEST, &errors::bounded(message))
}

/// Check the content type, read the body within the size and time limits, and parse the
/// GraphQL request.
async fn read_request(
    headers: &HeaderMap,
    body: Body,
    (limit, timeout): (usize, Duration),
) -> Result<PostBody, Response> {
    if !is_json(headers) {
        return Err(bad_request(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "Send GraphQL requests as JSON with Content-Type: application/json",
        ));
    }
    let read = tokio::time::timeout(timeout, axum::body::to_bytes(body, limit)).await;
    let Ok(read) = read else {
        return Err(body_too_slow(timeout));
    };
    let bytes: Bytes = read.map_err(|_| {
        bad_request(
            StatusCode::PAYLOAD_TOO_LARGE,
            &format!("The request body exceeds {limit} bytes"),
        )
    })?;
    if bytes.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'[') {
        return Err(bad_request(
            StatusCode::BAD_REQUEST,
            "Batched requests are not supported",
        ));
    }
    serde_json::from_slice(&bytes).map_err(|err| {
        let message = format!("The request body is not a valid GraphQL request: {err}");
        bad_request(StatusCode::BAD_REQUEST, &message)
    })
}

/// HTTP 408: the body did not arrive in time. The rest of it is not waited for, so the
/// connection closes.
fn body_too_slow(timeout: Duration) -> Response {
    let message = format!("The request body did not arrive within {timeout:?}");
    let mut response = bad_request(StatusCode::REQUEST_TIMEOUT, &message);
    let close = HeaderValue::from_static("close");
    response.headers_mut().insert(CONNECTION, close);
    response
}

fn is_json(headers: &HeaderMap) -> bool {
    let Some(value) = headers.get(CONTENT_TYPE).and_then(|v| v.to_str().ok()) else {
        return false;
    };
    let essence = value
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    essence == JSON || essence == GRAPHQL_RESPONSE_JSON
}

/// `application/graphql-response+json` when the client lists it, `application/json` otherwise.
fn response_media_type(headers: &HeaderMap) -> &'static str {
    let accept = headers
        .get(ACCEPT)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let wants_graphql_response = accept.split(',').any(|part| {
        let media = part.split(';').next().unwrap_or("").trim();
        media.eq_ignore_ascii_case(GRAPHQL_RESPONSE_JSON)
    });
    if wants_graphql_response {
        GRAPHQL_RESPONSE_JSON
    } else {
        JSON
    }
}
