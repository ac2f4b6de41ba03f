//! `two_factor` table: a user's TOTP secret (sealed), whether it is confirmed, and the time
//! step of the last code accepted.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "two_factor")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub user_id: Uuid,
    /// The secret sealed by `auth::sealing` (never the secret itself).
    pub secret_sealed: String,
    /// When a first code confirmed the enrolment; `None` while it is pending.
    pub enabled_at: Option<DateTimeUtc>,
    /// TOTP time step of the last accepted code: no code of this step or before is accepted.
    pub last_used_step: Option<i64>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
