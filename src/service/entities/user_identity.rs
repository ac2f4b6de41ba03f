//! `user_identities` table: a provider's account linked to a user (OpenID Connect).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "user_identities")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub user_id: Uuid,
    /// The provider's configured name (`google`, `corp`).
    pub provider: String,
    /// The ID token's `sub`: unique per provider.
    pub subject: String,
    /// The verified email the provider gave when linked.
    pub email: Option<String>,
    pub linked_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
