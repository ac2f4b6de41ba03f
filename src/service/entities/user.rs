//! `users` table.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "users")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub username: String,
    /// Lower-cased `username`; carries the unique index.
    pub username_key: String,
    /// Normalised (trimmed, lower-cased) email; carries the unique index.
    pub email: String,
    pub password_hash: String,
    pub role: String,
    pub base_currency: String,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    /// Bumped to end every access token issued before (they carry the version they saw).
    pub token_version: i64,
    pub disabled_at: Option<DateTimeUtc>,
    /// Consecutive failed logins since the last success.
    pub failed_logins: i32,
    pub locked_until: Option<DateTimeUtc>,
    pub last_login_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
