//! Tally's API tests: one binary, one module per feature. Each test starts the real server
//! on a random port with a fresh database (SQLite in memory, or a throwaway PostgreSQL
//! database when `TEST_DATABASE_URL` is set) and talks HTTP to it, as a client would.

#![allow(clippy::unwrap_used)] // a failed unwrap in a test is a failed test, with its reason

mod helpers;

mod account_lifecycle;
mod accounts;
mod auth;
mod balances;
mod budgets;
mod categories;
mod category_delete;
mod config;
mod dashboard;
mod delete_account;
mod exports;
mod health;
mod http;
mod idempotency;
mod imports;
mod isolation;
mod isolation_finance;
mod limits;
mod money;
mod net_worth;
mod pagination;
mod reports;
mod schema;
mod tags;
mod tokens;
mod transactions;
mod transfers;
mod valuations;
