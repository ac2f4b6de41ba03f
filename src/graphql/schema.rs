//! The schema: query and mutation roots merged from the feature modules; [`Api`], which runs
//! a request through the schema with Tally's own document checks and the request's own
//! services; and the SDL export that `schema.graphql` must equal.

use std::net::IpAddr;
use std::sync::Arc;
use std::time::{Duration, Instant};

use async_graphql::parser::types::DocumentOperations;
use async_graphql::{
    MergedObject, Request, Response, SDLExportOptions, Schema, SchemaBuilder, ServerError,
    ValidationMode,
};

use super::accounts::{AccountMutation, AccountQuery};
use super::admin::{AdminMutation, AdminQuery};
use super::audit::AuditQuery;
use super::budgets::{BudgetMutation, BudgetQuery};
use super::categories::{CategoryMutation, CategoryQuery};
use super::documents::ParsedDocuments;
use super::errors::code;
use super::exports::ExportQuery;
use super::imports::ImportMutation;
use super::live::Subscription;
use super::my_data::{MyDataMutation, MyDataQuery};
use super::oidc::{OidcMutation, OidcQuery};
use super::profile::{ProfileMutation, ProfileQuery};
use super::rate_limit::{self, RateLimiter, RateLimits};
use super::recurring::{RecurringMutation, RecurringQuery};
use super::reports::{PeriodQuery, ReportQuery};
use super::rules::{RuleMutation, RuleQuery};
use super::sessions::{SessionMutation, SessionQuery};
use super::transactions::{TransactionBatchMutation, TransactionMutation, TransactionQuery};
use super::transfers::{TransferMutation, TransferQuery};
use super::trusted::{self, TrustedDocuments};
use super::two_factor::TwoFactorMutation;
use super::users::{AuthMutation, UserQuery};
use super::valuations::{ValuationMutation, ValuationQuery};
use super::{RequestContext, Services, errors, limits};
use crate::meter;

mod subscribe;
mod validate;

pub use subscribe::ResponseStream;

/// The query root.
#[derive(MergedObject, Default)]
pub struct Query(
    UserQuery,
    SessionQuery,
    AccountQuery,
    CategoryQuery,
    TransactionQuery,
    ValuationQuery,
    BudgetQuery,
    ReportQuery,
    PeriodQuery,
    TransferQuery,
    ExportQuery,
    MyDataQuery,
    AdminQuery,
    AuditQuery,
    ProfileQuery,
    RecurringQuery,
    RuleQuery,
    OidcQuery,
);

/// The mutation root.
#[derive(MergedObject, Default)]
pub struct Mutation(
    AuthMutation,
    TwoFactorMutation,
    SessionMutation,
    AccountMutation,
    CategoryMutation,
    TransactionMutation,
    TransactionBatchMutation,
    ValuationMutation,
    BudgetMutation,
    TransferMutation,
    ImportMutation,
    MyDataMutation,
    AdminMutation,
    ProfileMutation,
    RecurringMutation,
    RuleMutation,
    OidcMutation,
);

/// Tally's GraphQL schema.
pub type TallySchema = Schema<Query, Mutation, Subscription>;

/// Limits applied to every operation, and what the schema reveals about itself.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    pub max_depth: usize,
    pub max_complexity: usize,
    pub max_aliases: usize,
    /// Tokens in a document's text.
    pub max_tokens: usize,
    /// Selections of a document with its fragments expanded.
    pub max_selections: usize,
    /// Operations and fragments in a document.
    pub max_definitions: usize,
    /// Fragment spreads written in one operation or fragment.
    pub max_spreads: usize,
    /// Pooled database connections one request may use at once.
    pub connections_per_request: usize,
    /// Answer `__schema` and `__type`; when false, documents selecting them are refused.
    pub introspection: bool,
    /// "Did you mean …?" hints in validation errors (they reveal field names).
    pub field_suggestions: bool,
}

impl Limits {
    fn document(&self) -> limits::DocumentLimits {
        limits::DocumentLimits {
            max_tokens: self.max_tokens,
            max_definitions: self.max_definitions,
            max_spreads: self.max_spreads,
            max_selections: self.max_selections,
            max_aliases: self.max_aliases,
            max_depth: self.max_depth,
            introspection: self.introspection,
        }
    }
}

fn builder() -> SchemaBuilder<Query, Mutation, Subscription> {
    Schema::build(Query::default(), Mutation::default(), Subscription)
}

/// The schema within `limits`, validating requests in `mode`.
fn limited(limits: &Limits, mode: ValidationMode) -> TallySchema {
    // The depth is checked by `limits` (which lets the introspection queries through);
    // async-graphql checks the complexity, after `limits` has bounded what it visits.
    let mut builder = builder()
        .limit_complexity(limits.max_complexity)
        .validation_mode(mode);
    if !limits.introspection {
        builder = builder.disable_introspection();
    }
    if !limits.field_suggestions {
        builder = builder.disable_suggestions();
    }
    builder.finish()
}

/// The executable API: the schema with its limits, the services each request gets, and the
/// document checks async-graphql does not do itself. Deliberately no async-graphql
/// extensions (see `errors`): with none installed, fields resolve on async-graphql's fast
/// path.
#[derive(Clone)]
pub struct Api {
    schema: TallySchema,
    /// The same schema validating only what depends on the variables, for trusted
    /// documents (validated in full at start, [`validate`]).
    validated: TallySchema,
    services: Services,
    limits: Limits,
    document_limits: limits::DocumentLimits,
    rate_limiter: Arc<RateLimiter>,
    trusted: TrustedDocuments,
    parsed: ParsedDocuments,
}

impl Api {
    /// The services resolvers use, for the HTTP routes that are not GraphQL (sign-in
    /// through a provider).
    pub fn services(&self) -> &Services {
        &self.services
    }

    /// Charge one sign-in attempt (`/auth/oidc/<provider>/start`) to `client`'s login
    /// bucket, like a `login` field.
    pub async fn admit_sign_in(
        &self,
        client: Option<std::net::IpAddr>,
    ) -> Result<(), super::rate_limit::Refusal> {
        self.rate_limiter.admit_sign_in(client).await
    }
    /// The API over `services`, within `limits`.
    pub fn new(services: Services, limits: Limits) -> Self {
        Self {
            schema: limited(&limits, ValidationMode::Strict),
            validated: limited(&limits, ValidationMode::Fast),
            services,
            document_limits: limits.document(),
            limits,
            rate_limiter: Arc::new(RateLimiter::off()),
            trusted: TrustedDocuments::default(),
            parsed: ParsedDocuments::default(),
        }
    }

    /// This API with `trusted` documents, which clients may name by id; each must pass
    /// every validation rule now, as they are not validated in full per request.
    pub async fn with_trusted_documents(
        mut self,
        trusted: TrustedDocuments,
    ) -> anyhow::Result<Self> {
        validate::trusted_documents(&trusted).await?;
        self.trusted = trusted;
        Ok(self)
    }

    /// `request` with the trusted document `document_id` (or its Apollo extension) names,
    /// or the error that refuses it (see [`TrustedDocuments::resolve`]).
    pub fn resolve_document(
        &self,
        mut request: Request,
        document_id: Option<String>,
    ) -> Result<Request, ServerError> {
        self.trusted.resolve(&mut request, document_id)?;
        Ok(request)
    }

    /// This API with per-client-IP limits on `login`, `signup` and `refreshSession`.
    pub fn with_rate_limits(mut self, limits: RateLimits) -> Self {
        self.rate_limiter = Arc::new(RateLimiter::for_store(limits, &self.services.store));
        self
    }

    /// Refuse a document text over the limits on tokens, nesting and names: what has to
    /// hold before anything parses it.
    pub fn check_text(&self, text: &str) -> Result<(), ServerError> {
        limits::check_text(text, &self.document_limits)
    }

    /// Run one request in `context` (its viewer and client): check its text, parse it once,
    /// check the document limits, charge the client's rate limits, execute with the services
    /// (whose store is this request's share of the pool, which the viewer's loader uses too);
    /// every error of the response carries an `extensions.code`, and none is longer than
    /// `errors` allows.
    pub async fn execute(&self, mut request: Request, context: RequestContext) -> Response {
        let started = Instant::now();
        let refusal = self.refusal(&mut request, context.client_ip()).await;
        let operation = operation_name(&mut request, refusal.is_none());
        let mut response = match refusal {
            Some(refusal) => refusal,
            None => {
                let services = self
                    .services
                    .for_request(self.limits.connections_per_request);
                let schema = if trusted::named(&request) {
                    &self.validated
                } else {
                    &self.schema
                };
                schema.execute(context.attach(request, services)).await
            }
        };
        errors::label(&mut response);
        record(operation.as_deref(), &response, started.elapsed());
        response
    }

    /// The response that refuses `request`, if it is over the limits or the rate limits.
    async fn refusal(&self, request: &mut Request, client_ip: Option<IpAddr>) -> Option<Response> {
        let refused = |err| Some(Response::from_errors(vec![err]));
        // A text seen before passed `check_text` and parsed: take its parse (`parsed`).
        let cached = self.parsed.get(&request.query);
        let fresh = (cached.is_none() && !request.query.is_empty()).then(|| request.query.clone());
        match cached {
            Some(document) => request.set_parsed_query(document),
            None => {
                if let Err(err) = self.check_text(&request.query) {
                    return refused(err);
                }
            }
        }
        let operation = request.operation_name.clone();
        // The document borrows the request; the limits read the variables beside it.
        let variables = std::mem::take(&mut request.variables);
        let refusal = match request.parsed_query() {
            Ok(document) => match limits::check(document, &variables, &self.document_limits) {
                Err(err) => refused(err),
                Ok(()) => {
                    if let Some(text) = &fresh {
                        self.parsed.insert(text, document);
                    }
                    self.rate_limiter
                        .admit(document, operation.as_deref(), client_ip)
                        .await
                        .err()
                        .map(|refusal| refusal.response())
                }
            },
            Err(err) => refused(errors::with_code(err, code::GRAPHQL_PARSE_FAILED)),
        };
        request.variables = variables;
        refusal
    }
}

/// The name of the operation `request` runs, for the metrics: a named operation of an
/// admitted document (`parsed` — refused ones are not parsed again) that `operationName`
/// selects, or its only one. A name the document does not hold is never a label, so clients
/// cannot fill the bounded label set with names of their choosing.
fn operation_name(request: &mut Request, parsed: bool) -> Option<String> {
    if !meter::enabled() || !parsed {
        return None;
    }
    let wanted = request.operation_name.clone();
    let DocumentOperations::Multiple(operations) = &request.parsed_query().ok()?.operations else {
        return None;
    };
    match wanted {
        Some(name) => operations.contains_key(name.as_str()).then_some(name),
        None if operations.len() == 1 => operations.keys().next().map(|name| name.to_string()),
        None => None,
    }
}

/// A request's metrics: its operation, outcome and latency, and each error's code.
fn record(operation: Option<&str>, response: &Response, elapsed: Duration) {
    let outcome = if response.errors.is_empty() {
        meter::Outcome::Ok
    } else {
        meter::Outcome::Error
    };
    meter::graphql_request(operation, outcome, Some(elapsed));
    for error in &response.errors {
        let code = error.extensions.as_ref().and_then(|ext| ext.get("code"));
        if let Some(async_graphql::Value::String(code)) = code {
            meter::graphql_error(code::known(code));
        }
    }
    if rate_limit::refused(response) {
        meter::rate_limited();
    }
}

/// The SDL of the schema, sorted so that it is stable; `schema.graphql` is this text.
pub fn sdl() -> String {
    let options = SDLExportOptions::new()
        .sorted_fields()
        .sorted_arguments()
        .sorted_enum_items()
        .include_specified_by();
    builder().finish().sdl_with_options(options)
}
