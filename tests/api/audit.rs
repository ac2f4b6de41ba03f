//! The audit log: what is recorded, for whom, and what the database keeps.

pub mod finance;
pub mod ledger;
pub mod log;
pub mod names;
pub mod store;
