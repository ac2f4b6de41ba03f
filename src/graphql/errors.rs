//! Every GraphQL error leaves with an `extensions.code`. Our own errors carry one already
//! (see `crate::error`); this extension labels the ones async-graphql raises itself: a
//! document that does not parse, one that fails validation or a limit, an operation name
//! that matches nothing, and arguments or variables that a scalar or input type refuses
//! (`BAD_USER_INPUT`).

use std::sync::Arc;

use async_graphql::extensions::{
    Extension, ExtensionContext, ExtensionFactory, NextParseQuery, NextRequest, NextValidation,
};
use async_graphql::parser::types::ExecutableDocument;
use async_graphql::{Response, ServerError, ServerResult, ValidationResult, Variables};

use crate::error::code;

/// Installs [`ErrorCodesExtension`] on every request.
pub struct ErrorCodes;

impl ExtensionFactory for ErrorCodes {
    fn create(&self) -> Arc<dyn Extension> {
        Arc::new(ErrorCodesExtension)
    }
}

/// See the module docs.
pub struct ErrorCodesExtension;

#[async_graphql::async_trait::async_trait]
impl Extension for ErrorCodesExtension {
    async fn parse_query(
        &self,
        ctx: &ExtensionContext<'_>,
        query: &str,
        variables: &Variables,
        next: NextParseQuery<'_>,
    ) -> ServerResult<ExecutableDocument> {
        next.run(ctx, query, variables)
            .await
            .map_err(|err| with_code(err, code::GRAPHQL_PARSE_FAILED))
    }

    async fn validation(
        &self,
        ctx: &ExtensionContext<'_>,
        next: NextValidation<'_>,
    ) -> Result<ValidationResult, Vec<ServerError>> {
        next.run(ctx).await.map_err(|errors| {
            errors
                .into_iter()
                .map(|err| {
                    let code = if is_input_error(&err) {
                        code::BAD_USER_INPUT
                    } else {
                        code::GRAPHQL_VALIDATION_FAILED
                    };
                    with_code(err, code)
                })
                .collect()
        })
    }

    /// The last word: whatever still has no code (input coercion during execution, choosing
    /// the operation) gets one here.
    async fn request(&self, ctx: &ExtensionContext<'_>, next: NextRequest<'_>) -> Response {
        let mut response = next.run(ctx).await;
        response.errors = std::mem::take(&mut response.errors)
            .into_iter()
            .map(|err| {
                let code = if is_input_error(&err) {
                    code::BAD_USER_INPUT
                } else if is_operation_choice_error(&err) {
                    code::OPERATION_RESOLUTION_FAILURE
                } else {
                    code::INTERNAL_SERVER_ERROR
                };
                with_code(err, code)
            })
            .collect();
        response
    }
}

/// The document is valid but names no operation that can run.
fn is_operation_choice_error(err: &ServerError) -> bool {
    err.message.starts_with("Unknown operation")
        || err.message.starts_with("Operation name required")
}

/// Errors raised while coercing arguments and variables into input types.
fn is_input_error(err: &ServerError) -> bool {
    err.message.starts_with("Invalid value for argument")
        || err.message.starts_with("Failed to parse")
        || err.message.starts_with("Variable")
        || err.message.contains("Expected input type")
}

/// Add `code` unless the error already has one.
fn with_code(mut err: ServerError, code: &'static str) -> ServerError {
    let has_code = err
        .extensions
        .as_ref()
        .is_some_and(|ext| ext.get("code").is_some());
    if !has_code {
        err.extensions
            .get_or_insert_with(Default::default)
            .set("code", code);
    }
    err
}
