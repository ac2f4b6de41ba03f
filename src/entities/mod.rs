//! sea-orm entities: one per table. This module is a *private child of `service`* (declared
//! there with `#[path]`), so nothing outside the service layer can name an entity or build a
//! query with one; each owned entity implements `service::Owned`, the only way to start a
//! query of user data.

pub mod account;
pub mod category;
pub mod transaction;
pub mod user;
