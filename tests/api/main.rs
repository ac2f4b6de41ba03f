//! Tally's API tests: one binary, a folder per feature area, a module per feature. Each test
//! starts the real server on a random port with a fresh database (SQLite in memory, or a
//! throwaway PostgreSQL database when `TEST_DATABASE_URL` is set) and talks HTTP to it, as a
//! client would.

#![allow(clippy::unwrap_used)] // a failed unwrap in a test is a failed test, with its reason

mod helpers;

mod admin;
mod audit;
mod auth;
mod finance;
mod http;
mod live;
mod ops;
mod recurring;
mod scale;
mod sessions;
