//! The schema: query and mutation roots merged from the feature modules, the limits from
//! config, and the SDL export that `schema.graphql` must equal.

use async_graphql::{EmptySubscription, MergedObject, SDLExportOptions, Schema, SchemaBuilder};

use super::Services;
use super::accounts::{AccountMutation, AccountQuery};
use super::categories::{CategoryMutation, CategoryQuery};
use super::errors::ErrorCodes;
use super::limits::DocumentLimits;
use super::transactions::{TransactionMutation, TransactionQuery};
use super::users::{AuthMutation, UserQuery};

/// The query root.
#[derive(MergedObject, Default)]
pub struct Query(UserQuery, AccountQuery, CategoryQuery, TransactionQuery);

/// The mutation root.
#[derive(MergedObject, Default)]
pub struct Mutation(
    AuthMutation,
    AccountMutation,
    CategoryMutation,
    TransactionMutation,
);

/// Tally's GraphQL schema.
pub type TallySchema = Schema<Query, Mutation, EmptySubscription>;

/// Limits applied to every operation.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    pub max_depth: usize,
    pub max_complexity: usize,
    pub max_aliases: usize,
}

fn builder() -> SchemaBuilder<Query, Mutation, EmptySubscription> {
    Schema::build(Query::default(), Mutation::default(), EmptySubscription).extension(ErrorCodes)
}

/// The schema with its services and limits, ready to execute.
pub fn build_schema(services: Services, limits: Limits) -> TallySchema {
    builder()
        .data(services)
        .limit_depth(limits.max_depth)
        .limit_complexity(limits.max_complexity)
        .extension(DocumentLimits {
            max_aliases: limits.max_aliases,
        })
        .finish()
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
