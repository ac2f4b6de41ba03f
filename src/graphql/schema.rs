//! The schema: query and mutation roots merged from the feature modules; [`Api`], which runs
//! a request through the schema with Tally's own document checks; and the SDL export that
//! `schema.graphql` must equal.

use std::net::IpAddr;
use std::sync::Arc;

use async_graphql::{
    EmptySubscription, MergedObject, Request, Response, SDLExportOptions, Schema, SchemaBuilder,
};

use super::Services;
use super::accounts::{AccountMutation, AccountQuery};
use super::admin::{AdminMutation, AdminQuery};
use super::audit::AuditQuery;
use super::budgets::{BudgetMutation, BudgetQuery};
use super::categories::{CategoryMutation, CategoryQuery};
use super::errors::code;
use super::exports::ExportQuery;
use super::imports::ImportMutation;
use super::my_data::{MyDataMutation, MyDataQuery};
use super::profile::{ProfileMutation, ProfileQuery};
use super::rate_limit::{RateLimiter, RateLimits};
use super::reports::{PeriodQuery, ReportQuery};
use super::sessions::{SessionMutation, SessionQuery};
use super::transactions::{TransactionBatchMutation, TransactionMutation, TransactionQuery};
use super::transfers::{TransferMutation, TransferQuery};
use super::users::{AuthMutation, UserQuery};
use super::valuations::{ValuationMutation, ValuationQuery};
use super::{errors, limits};

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
);

/// The mutation root.
#[derive(MergedObject, Default)]
pub struct Mutation(
    AuthMutation,
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
);

/// Tally's GraphQL schema.
pub type TallySchema = Schema<Query, Mutation, EmptySubscription>;

/// Limits applied to every operation, and what the schema reveals about itself.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    pub max_depth: usize,
    pub max_complexity: usize,
    pub max_aliases: usize,
    /// Answer `__schema` and `__type`; when false, documents selecting them are refused.
    pub introspection: bool,
    /// "Did you mean …?" hints in validation errors (they reveal field names).
    pub field_suggestions: bool,
}

fn builder() -> SchemaBuilder<Query, Mutation, EmptySubscription> {
    Schema::build(Query::default(), Mutation::default(), EmptySubscription)
}

/// The executable API: the schema with its services and limits, and the document checks
/// async-graphql does not do itself. Deliberately no async-graphql extensions (see
/// `errors`): with none installed, fields resolve on async-graphql's fast path.
#[derive(Clone)]
pub struct Api {
    schema: TallySchema,
    limits: Limits,
    rate_limiter: Arc<RateLimiter>,
}

impl Api {
    /// The API over `services`, within `limits`.
    pub fn new(services: Services, limits: Limits) -> Self {
        let mut builder = builder()
            .data(services)
            .limit_depth(limits.max_depth)
            .limit_complexity(limits.max_complexity);
        if !limits.introspection {
            builder = builder.disable_introspection();
        }
        if !limits.field_suggestions {
            builder = builder.disable_suggestions();
        }
        Self {
            schema: builder.finish(),
            limits,
            rate_limiter: Arc::new(RateLimiter::off()),
        }
    }

    /// This API with per-client-IP limits on `login`, `signup` and `refreshSession`.
    pub fn with_rate_limits(mut self, limits: RateLimits) -> Self {
        self.rate_limiter = Arc::new(RateLimiter::new(limits));
        self
    }

    /// Run one request from `client_ip`: parse it once, check the document limits, charge
    /// the client's rate limits, execute; every error of the response carries an
    /// `extensions.code`.
    pub async fn execute(&self, mut request: Request, client_ip: Option<IpAddr>) -> Response {
        let operation = request.operation_name.clone();
        let checked = match request.parsed_query() {
            Ok(document) => limits::check(document, self.limits.max_aliases)
                .and_then(|()| {
                    if self.limits.introspection {
                        Ok(())
                    } else {
                        limits::refuse_introspection(document)
                    }
                })
                .map(|()| document),
            Err(err) => Err(errors::with_code(err, code::GRAPHQL_PARSE_FAILED)),
        };
        let document = match checked {
            Ok(document) => document,
            Err(err) => return Response::from_errors(vec![err]),
        };
        let admitted = self
            .rate_limiter
            .admit(document, operation.as_deref(), client_ip);
        if let Err(refusal) = admitted {
            return refusal.response();
        }
        let mut response = self.schema.execute(request).await;
        errors::label(&mut response);
        response
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
