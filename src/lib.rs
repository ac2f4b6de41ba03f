//! Tally: a multi-user personal-finance service with a GraphQL API.
//!
//! The layers, top to bottom (see `../shared/ARCHITECTURE.md`):
//! - [`http`]: the axum routes — `/graphql` (API and GraphiQL), `/healthz`, `/readyz` — and the
//!   bearer-token extractor that turns a request into an optional [`auth::Viewer`];
//! - [`graphql`]: the schema; resolvers only parse input and call services;
//! - [`service`]: every read and write of user data, each taking the `&Viewer` first. The
//!   sea-orm entities are a private child module of `service`, so no other layer can even
//!   name a table, let alone query it unscoped;
//! - [`auth`]: passwords, access tokens and the viewer.

pub mod app;
pub mod auth;
pub mod cli;
pub mod config;
pub mod error;
pub mod graphql;
pub mod http;
pub mod money;
pub mod service;
pub mod telemetry;

pub use app::App;
