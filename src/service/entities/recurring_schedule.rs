//! `recurring_schedules` table: a template (amounts in minor units of the account's
//! currency) and its recurrence.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "recurring_schedules")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub user_id: Uuid,
    pub account_id: Uuid,
    /// Set for a transfer: the account the money goes to.
    pub to_account_id: Option<Uuid>,
    pub category_id: Option<Uuid>,
    pub amount_minor: i64,
    pub to_amount_minor: Option<i64>,
    pub description: String,
    /// One tag per line.
    pub tags: String,
    pub frequency: String,
    pub every: i32,
    pub weekdays: i32,
    pub month_day: Option<i32>,
    pub start_date: Date,
    pub end_date: Option<Date>,
    pub count: Option<i32>,
    pub automatic: bool,
    pub next_due: Option<Date>,
    pub claimed_until: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
