//! Tally: a multi-user personal-finance service with a GraphQL API.
//!
//! The layers, top to bottom — each uses only those below it (`tests/layers.rs` checks it;
//! `docs/ARCHITECTURE.md` tells the whole story, with a request's path and how to add a
//! feature):
//! - [`cli`]: the command line; runs a command through the layers below;
//! - [`app`] (and [`telemetry`]): builds the running application from a [`config::Config`];
//! - [`http`]: the axum routes — `/graphql` (API and GraphiQL), `/healthz`, `/readyz`, the
//!   dashboard — and the answers to failures before GraphQL runs;
//! - [`graphql`]: the schema; resolvers only parse input and call services;
//! - [`service`]: every read and write of user data, each taking the `&Viewer` first. The
//!   sea-orm entities are a private child module of `service`, so no other layer can even
//!   name a table, let alone query it unscoped;
//! - [`auth`]: passwords, access tokens, the signing secret, the client and the viewer;
//! - [`config`], [`error`], [`money`]: plain values every layer may use; [`meter`]: what
//!   `/metrics` reports, recorded from any layer.

// The merged query and mutation roots hold many feature objects; async-graphql's generated
// resolver nests one future per object, past the default limit of 128.
#![recursion_limit = "256"]

pub mod app;
pub mod auth;
pub mod cli;
pub mod config;
pub mod error;
pub mod graphql;
pub mod http;
pub mod meter;
pub mod money;
pub mod service;
pub mod telemetry;

pub use app::App;
