//! Database migrations for Tally, one file per migration.
//!
//! Each migration is self-contained: it names its tables and columns with its own `Iden`
//! enums and never imports the application's entities, so a migration keeps meaning what it
//! meant on the day it was written. `tally migrate` (and every `tally serve` start) applies them.

pub use sea_orm_migration::prelude::*;

mod m20261127_000001_create_users;
mod m20261127_000002_create_accounts;
mod m20261127_000003_create_categories;
mod m20261127_000004_create_transactions;
mod m20261127_000005_account_balances;
mod m20261127_000006_transfers_tags_imports;
mod m20261127_000007_budgets;
mod m20261127_000008_valuations;
mod m20261127_000009_idempotency_keys;
mod m20261127_000010_sessions_audit;
mod m20261206_000011_rate_limits;
mod m20261206_000012_recurring;
mod m20261206_000013_rules;
mod m20261206_000014_oidc;
mod m20261206_000015_two_factor;

/// The ordered list of Tally's migrations.
pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261127_000001_create_users::Migration),
            Box::new(m20261127_000002_create_accounts::Migration),
            Box::new(m20261127_000003_create_categories::Migration),
            Box::new(m20261127_000004_create_transactions::Migration),
            Box::new(m20261127_000005_account_balances::Migration),
            Box::new(m20261127_000006_transfers_tags_imports::Migration),
            Box::new(m20261127_000007_budgets::Migration),
            Box::new(m20261127_000008_valuations::Migration),
            Box::new(m20261127_000009_idempotency_keys::Migration),
            Box::new(m20261127_000010_sessions_audit::Migration),
            Box::new(m20261206_000011_rate_limits::Migration),
            Box::new(m20261206_000012_recurring::Migration),
            Box::new(m20261206_000013_rules::Migration),
            Box::new(m20261206_000014_oidc::Migration),
            Box::new(m20261206_000015_two_factor::Migration),
        ]
    }
}
