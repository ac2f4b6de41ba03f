//! Tally's API tests: one binary, one module per feature. Each test starts the real server
//! on a random port with a fresh database (SQLite in memory, or a throwaway PostgreSQL
//! database when `TEST_DATABASE_URL` is set) and talks HTTP to it, as a client would.

#![allow(clippy::unwrap_used)] // a failed unwrap in a test is a failed test, with its reason

mod helpers;

mod account_lifecycle;
mod accounts;
mod admin;
mod admin_changes;
mod admin_cli;
mod admin_shared;
mod admin_users;
mod audit_finance;
mod audit_ledger;
mod audit_log;
mod audit_store;
mod auth;
mod balances;
mod budgets;
mod categories;
mod category_delete;
mod config;
mod cors;
mod csrf;
mod dashboard;
mod delete_account;
mod enumeration;
mod exports;
mod graphql_get;
mod graphql_switches;
mod health;
mod http;
mod idempotency;
mod imports;
mod isolation;
mod isolation_finance;
mod key_rotation;
mod limits;
mod lockout;
mod money;
mod net_worth;
mod pagination;
mod password_change;
mod password_policy;
mod rate_limits;
mod refresh;
mod reports;
mod schema;
mod security_headers;
mod sessions;
mod tags;
mod tokens;
mod transactions;
mod transfers;
mod valuations;
