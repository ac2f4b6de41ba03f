//! The GraphQL API: the schema ([`schema`]), one module per feature whose resolvers only
//! turn GraphQL input into service calls and service results into output types, the custom
//! scalars ([`scalars`]), the per-request dataloaders ([`loaders`]) and the error-code
//! extension ([`errors`]).

pub mod accounts;
pub mod admin;
pub mod audit;
pub mod budgets;
pub mod categories;
pub mod context;
pub mod cookie;
pub mod documents;
pub mod errors;
pub mod exports;
pub mod guards;
pub mod imports;
pub mod limits;
pub mod live;
pub mod loaders;
pub mod my_data;
pub mod oidc;
pub mod paging;
pub mod profile;
pub mod rate_limit;
pub mod recurring;
pub mod reports;
pub mod rules;
pub mod scalars;
pub mod schema;
pub mod sessions;
pub mod transactions;
pub mod transfers;
pub mod trusted;
pub mod two_factor;
mod user_security;
pub mod users;
pub mod valuations;

use async_graphql::MaybeUndefined;

pub use context::{RequestContext, Services};

use crate::service::Change;
pub use schema::{Api, TallySchema, sdl};

/// An optional input field as a [`Change`]: absent keeps, `null` clears, a value sets.
fn change<T, U>(value: MaybeUndefined<T>, map: impl FnOnce(T) -> U) -> Change<U> {
    match value {
        MaybeUndefined::Undefined => Change::Keep,
        MaybeUndefined::Null => Change::Clear,
        MaybeUndefined::Value(value) => Change::Set(map(value)),
    }
}
