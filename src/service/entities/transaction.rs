//! `transactions` table. Amounts are integer minor units of `currency`.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "transactions")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub user_id: Uuid,
    pub account_id: Uuid,
    pub category_id: Option<Uuid>,
    pub date: Date,
    pub amount_minor: i64,
    pub currency: String,
    pub description: String,
    /// `description` lower-cased (Unicode rules), for case-insensitive search that behaves
    /// the same on every backend.
    pub description_key: String,
    pub notes: Option<String>,
    /// Shared by the two legs of a transfer.
    pub transfer_id: Option<Uuid>,
    /// Fingerprint of the CSV row this transaction was imported from.
    pub import_key: Option<String>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    /// The category, for loading it with a page in one statement. The composite foreign key
    /// `(user_id, category_id)` guarantees it is the same user's.
    #[sea_orm(
        belongs_to = "super::category::Entity",
        from = "Column::CategoryId",
        to = "super::category::Column::Id"
    )]
    Category,
}

impl Related<super::category::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Category.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
