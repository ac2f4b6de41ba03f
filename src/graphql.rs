//! The GraphQL API: the schema ([`schema`]), one module per feature whose resolvers only
//! turn GraphQL input into service calls and service results into output types, the custom
//! scalars ([`scalars`]), the per-request dataloaders ([`loaders`]) and the error-code
//! extension ([`errors`]).

pub mod accounts;
pub mod categories;
pub mod context;
pub mod errors;
pub mod limits;
pub mod loaders;
pub mod scalars;
pub mod schema;
pub mod transactions;
pub mod users;

pub use context::{RequestContext, Services};
pub use schema::{TallySchema, build_schema, sdl};
