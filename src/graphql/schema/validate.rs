//! Trusted documents are validated once, at start, with every rule of the schema; a request
//! that names one then runs with async-graphql's fast validation (only the checks that
//! depend on the request's variables: complexity, depth and fragment cycles). A variable
//! of the wrong type is still refused, by the field that reads it (`BAD_USER_INPUT`).

use std::sync::Arc;

use async_graphql::extensions::{Extension, ExtensionContext, ExtensionFactory, NextExecute};
use async_graphql::parser::types::{DocumentOperations, ExecutableDocument};
use async_graphql::{Request, Response, Value};

use super::builder;
use crate::graphql::trusted::TrustedDocuments;

/// Check every trusted document (each of its operations) against the schema with all of
/// async-graphql's validation rules; the first that fails stops the start.
pub async fn trusted_documents(trusted: &TrustedDocuments) -> anyhow::Result<()> {
    // Validation runs before the `execute` hook, which never lets anything execute.
    let validator = builder().extension(NoExecute).finish();
    for (id, document) in trusted.documents() {
        for operation in operation_names(document) {
            let mut request = Request::new("");
            request.set_parsed_query(document.clone());
            if let Some(name) = operation {
                request = request.operation_name(name);
            }
            // Boxed: a schema's execution is too deep a future to lay out inside the start's.
            let response = Box::pin(validator.execute(request)).await;
            let mut errors = response
                .errors
                .iter()
                .filter(|e| !value_missing(&e.message));
            if let Some(error) = errors.next() {
                anyhow::bail!("trusted document {id} does not validate: {}", error.message);
            }
        }
    }
    Ok(())
}

/// The complaint of a complexity that reads a variable (`first: $first`) about the value
/// this check has not got: each request brings its own, and is checked with it. (A variable
/// the operation does not declare is another message: `Variable "$first" is not defined`.)
fn value_missing(message: &str) -> bool {
    message.starts_with("Variable ")
        && message.ends_with(" is not defined.")
        && !message.contains('"')
}

fn operation_names(document: &ExecutableDocument) -> Vec<Option<String>> {
    match &document.operations {
        DocumentOperations::Single(_) => vec![None],
        DocumentOperations::Multiple(operations) => operations
            .keys()
            .map(|name| Some(name.to_string()))
            .collect(),
    }
}

/// Answers without executing.
struct NoExecute;

impl ExtensionFactory for NoExecute {
    fn create(&self) -> Arc<dyn Extension> {
        Arc::new(NoExecute)
    }
}

#[async_graphql::async_trait::async_trait]
impl Extension for NoExecute {
    async fn execute(
        &self,
        _ctx: &ExtensionContext<'_>,
        _operation_name: Option<&str>,
        _next: NextExecute<'_>,
    ) -> Response {
        Response::new(Value::Null)
    }
}
