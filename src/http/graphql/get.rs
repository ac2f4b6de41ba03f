//! `GET /graphql`. With a `query` parameter (and optionally `variables`, a JSON object, and
//! `operationName`) it runs the operation, if that operation is a query: GET must never
//! change anything (a link, a prefetch or an `<img>` can send one), so a mutation is refused
//! with HTTP 405 and `Allow: POST`. Without `query` it serves GraphiQL, or a 404 when
//! GraphiQL is disabled.

use async_graphql::parser::types::{DocumentOperations, ExecutableDocument, OperationType};
use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::http::header::ALLOW;
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::Response;
use serde::Deserialize;

use super::{AppState, bad_request, run};
use crate::auth::Caller;
use crate::graphql::errors::code;
use crate::http::errors::graphql_error_response;
use crate::http::graphiql;

/// The URL parameters of a GraphQL GET request.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct GetParams {
    query: Option<String>,
    variables: Option<String>,
    operation_name: Option<String>,
    /// A trusted document's id instead of `query`.
    document_id: Option<String>,
    /// JSON object; Apollo names a trusted document in `persistedQuery.sha256Hash`.
    extensions: Option<String>,
}

/// `GET /graphql`: a query from the URL, or GraphiQL.
pub async fn get(
    State(state): State<AppState>,
    caller: Caller,
    headers: HeaderMap,
    params: Result<Query<GetParams>, QueryRejection>,
) -> Response {
    let Ok(Query(params)) = params else {
        return bad_request(StatusCode::BAD_REQUEST, "The URL parameters do not parse");
    };
    let named = params.document_id.is_some() || params.extensions.is_some();
    if params.query.is_none() && !named {
        return graphiql_or_not_found(&state).await;
    }
    let (Some(variables), Some(extensions)) = (
        parse_object(params.variables.as_deref()),
        parse_object(params.extensions.as_deref()),
    ) else {
        let message = "The `variables` and `extensions` parameters must be JSON objects";
        return bad_request(StatusCode::BAD_REQUEST, message);
    };
    let mut request = async_graphql::Request::new(params.query.unwrap_or_default())
        .variables(async_graphql::Variables::from_json(variables));
    request.extensions = serde_json::from_value(extensions).unwrap_or_default();
    if let Some(name) = &params.operation_name {
        request = request.operation_name(name);
    }
    let mut request = state.api.resolve_document(request, params.document_id);
    // A document over the text limits or that does not parse is left to `run`, which
    // refuses it without parsing it here first.
    if let Ok(request) = &mut request
        && state.api.check_text(&request.query).is_ok()
        && let Ok(document) = request.parsed_query()
        && !is_query(document, params.operation_name.as_deref())
    {
        return mutation_over_get();
    }
    run(&state, caller, &headers, request).await
}

async fn graphiql_or_not_found(state: &AppState) -> Response {
    if state.graphiql_enabled {
        graphiql::page(&state.dashboard).await
    } else {
        let message = "GraphiQL is disabled on this server; send GraphQL requests with POST";
        graphql_error_response(StatusCode::NOT_FOUND, code::NOT_FOUND, message)
    }
}

/// A JSON object parameter (absent or `null`: empty); `None` when it is anything else.
fn parse_object(text: Option<&str>) -> Option<serde_json::Value> {
    let Some(text) = text else {
        return Some(serde_json::Value::Object(Default::default()));
    };
    let map =
        serde_json::from_str::<Option<serde_json::Map<String, serde_json::Value>>>(text).ok()?;
    Some(serde_json::Value::Object(map.unwrap_or_default()))
}

/// Is the operation the request selects a query? The choice mirrors async-graphql's (a lone
/// anonymous operation, or the one `operation_name` names, or the only named one). When no
/// operation can be chosen, execution refuses the document and says why — but only if every
/// operation in it is a query, so that GET cannot run a mutation even if the two choices
/// ever differed.
fn is_query(document: &ExecutableDocument, operation_name: Option<&str>) -> bool {
    let selected = match (&document.operations, operation_name) {
        (DocumentOperations::Single(operation), None) => Some(operation),
        (DocumentOperations::Multiple(operations), Some(name)) => operations.get(name),
        (DocumentOperations::Multiple(operations), None) if operations.len() == 1 => {
            operations.values().next()
        }
        _ => None,
    };
    match selected {
        Some(operation) => operation.node.ty == OperationType::Query,
        None => document
            .operations
            .iter()
            .all(|(_, operation)| operation.node.ty == OperationType::Query),
    }
}

/// HTTP 405 for a mutation (or subscription) sent with GET.
fn mutation_over_get() -> Response {
    let message = "Only queries may be sent with GET; send mutations with POST";
    let mut response =
        graphql_error_response(StatusCode::METHOD_NOT_ALLOWED, code::BAD_REQUEST, message);
    response
        .headers_mut()
        .insert(ALLOW, HeaderValue::from_static("POST"));
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    fn query(document: &str, name: Option<&str>) -> bool {
        is_query(&async_graphql::parser::parse_query(document).unwrap(), name)
    }

    #[test]
    fn the_selected_operation_decides() {
        assert!(query("{ me { id } }", None));
        assert!(query("query Q { me { id } }", None));
        assert!(!query("mutation { createAccount }", None));
        assert!(!query("mutation M { createAccount }", None));
        let both = "query Q { me { id } } mutation M { createAccount }";
        assert!(query(both, Some("Q")));
        assert!(!query(both, Some("M")));
    }

    #[test]
    fn without_a_chosen_operation_any_mutation_in_the_document_refuses_it() {
        let queries = "query A { me { id } } query B { accounts { id } }";
        assert!(query(queries, None), "execution refuses: name required");
        assert!(query(queries, Some("X")), "execution refuses: unknown name");
        let both = "query Q { me { id } } mutation M { createAccount }";
        assert!(!query(both, None));
        assert!(!query(both, Some("X")));
        assert!(!query("mutation { createAccount }", Some("X")));
    }
}
