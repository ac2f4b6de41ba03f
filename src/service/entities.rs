//! sea-orm entities: one per table. This module is a *private child of `service`*, so nothing
//! outside the service layer can name an entity or build a query with one; each owned entity
//! implements `service::ownership::Owned`, the only way to start a query of user data.

pub mod account;
pub mod audit_event;
pub mod budget;
pub mod category;
pub mod idempotency_key;
pub mod oidc_login_state;
pub mod recovery_code;
pub mod recurring_occurrence;
pub mod recurring_schedule;
pub mod refresh_token;
pub mod rule;
pub mod session;
pub mod transaction;
pub mod transaction_tag;
pub mod two_factor;
pub mod two_factor_challenge;
pub mod user;
pub mod user_identity;
pub mod valuation;
