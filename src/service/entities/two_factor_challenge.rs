//! `two_factor_challenges` table: the pending second step of a sign-in.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "two_factor_challenges")]
pub struct Model {
    /// Lower-case hex SHA-256 of the challenge token; the token itself is never stored.
    #[sea_orm(primary_key, auto_increment = false)]
    pub token_hash: String,
    pub user_id: Uuid,
    /// How the first step was passed (`PASSWORD`, `OIDC:<provider>`), for the audit log.
    pub method: String,
    pub created_at: DateTimeUtc,
    pub expires_at: DateTimeUtc,
    /// Answers tried so far.
    pub attempts: i32,
    /// When it was answered rightly (it is then used up).
    pub used_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
