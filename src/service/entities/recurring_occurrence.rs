//! `recurring_occurrences` table: what happened to one date of a schedule. Unique per
//! `(schedule_id, date)`.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "recurring_occurrences")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub user_id: Uuid,
    pub schedule_id: Uuid,
    pub date: Date,
    /// `POSTED`, `SKIPPED`, `EDITED` (overrides waiting for the date) or `FAILED`.
    pub status: String,
    pub result_id: Option<Uuid>,
    pub amount_minor: Option<i64>,
    pub description: Option<String>,
    pub post_date: Option<Date>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
