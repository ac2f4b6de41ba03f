//! The finance domain: accounts, categories, transactions, transfers, budgets, valuations,
//! reports, CSV, money, and isolation between users.

pub mod account_lifecycle;
pub mod accounts;
pub mod balances;
pub mod batch;
pub mod budget_usage;
pub mod budgets;
pub mod categories;
pub mod category_delete;
pub mod exports;
pub mod idempotency;
pub mod imports;
pub mod isolation;
pub mod isolation_finance;
pub mod money;
pub mod net_worth;
pub mod page_fields;
pub mod pagination;
pub mod period;
pub mod reports;
pub mod rules;
pub mod rules_existing;
pub mod rules_writes;
pub mod tags;
pub mod totals;
pub mod transactions;
pub mod transfers;
pub mod valuations;
