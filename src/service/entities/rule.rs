//! `rules` table: a user's ordered transaction rules. Amount bounds are in units of 10⁻⁴.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "rules")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub user_id: Uuid,
    /// 0-based place in the user's order; rules run in ascending position.
    pub position: i32,
    pub name: String,
    /// JSON list of `{"op": "CONTAINS"|"STARTS_WITH"|"EQUALS"|"REGEX", "value": "…"}`.
    pub description_conditions: String,
    pub amount_min_e4: Option<i64>,
    pub amount_max_e4: Option<i64>,
    pub account_id: Option<Uuid>,
    pub category_id: Option<Uuid>,
    /// JSON list of normalised tags.
    pub add_tags: String,
    pub rename_to: Option<String>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
