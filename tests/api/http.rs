//! The HTTP edge and the server: GraphQL over HTTP, limits, switches, CORS, CSRF, headers,
//! health, the dashboard, the committed schema, start-up configuration and slow clients.

pub mod config;
pub mod cors;
pub mod csrf;
pub mod dashboard;
pub mod expansion;
pub mod fuzz;
pub mod graphiql;
pub mod graphql_get;
pub mod graphql_over_http;
pub mod graphql_switches;
pub mod health;
pub mod heavy;
pub mod input_rules;
pub mod introspection;
pub mod limits;
pub mod production;
pub mod schema;
pub mod security_headers;
pub mod slow_clients;
pub mod trusted_documents;
