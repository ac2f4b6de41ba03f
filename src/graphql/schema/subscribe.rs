//! [`Api::subscribe`]: a subscription over WebSocket passes the same text and document
//! limits as an HTTP request, and only subscriptions run there.

use async_graphql::parser::types::{DocumentOperations, ExecutableDocument, OperationType};
use async_graphql::{Request, Response, ServerError};
use futures_util::StreamExt as _;

use super::super::errors::{self, code};
use super::super::{RequestContext, limits};
use super::Api;

/// A subscription's responses: async-graphql's stream, each response labelled.
pub type ResponseStream = std::pin::Pin<Box<dyn futures_util::Stream<Item = Response> + Send>>;

impl Api {
    /// Start the subscription `request` in `context` (its viewer and client) after the same
    /// text and document limits as [`Api::execute`]; queries and mutations are refused here
    /// (they go over HTTP, with its rate limits). The refusal is the errors of the protocol's
    /// `error` message.
    pub fn subscribe(
        &self,
        mut request: Request,
        context: RequestContext,
    ) -> Result<ResponseStream, Vec<ServerError>> {
        self.check_text(&request.query).map_err(|err| vec![err])?;
        let variables = std::mem::take(&mut request.variables);
        let operation = request.operation_name.clone();
        let checked = match request.parsed_query() {
            Ok(document) => limits::check(document, &variables, &self.document_limits)
                .and_then(|()| only_subscriptions(document, operation.as_deref())),
            Err(err) => Err(errors::with_code(err, code::GRAPHQL_PARSE_FAILED)),
        };
        request.variables = variables;
        checked.map_err(|err| {
            let mut response = Response::from_errors(vec![err]);
            errors::label(&mut response);
            response.errors
        })?;
        let services = self
            .services
            .for_request(self.limits.connections_per_request);
        let stream = self
            .schema
            .execute_stream(context.attach(request, services))
            .map(|mut response| {
                errors::label(&mut response);
                response
            });
        Ok(Box::pin(stream))
    }
}

/// Refuse a document whose chosen operation is not a subscription.
fn only_subscriptions(
    document: &ExecutableDocument,
    operation: Option<&str>,
) -> Result<(), ServerError> {
    let chosen = match (&document.operations, operation) {
        (DocumentOperations::Single(op), _) => Some(&op.node),
        (DocumentOperations::Multiple(ops), Some(name)) => ops.get(name).map(|op| &op.node),
        (DocumentOperations::Multiple(ops), None) if ops.len() == 1 => {
            ops.values().next().map(|op| &op.node)
        }
        (DocumentOperations::Multiple(_), None) => None,
    };
    match chosen {
        Some(op) if op.ty == OperationType::Subscription => Ok(()),
        Some(_) => Err(errors::with_code(
            ServerError::new(
                "Only subscriptions run over WebSocket; send queries and mutations over HTTP",
                None,
            ),
            code::BAD_REQUEST,
        )),
        None => Err(errors::with_code(
            ServerError::new("Name the operation to run (operationName)", None),
            code::OPERATION_RESOLUTION_FAILURE,
        )),
    }
}
