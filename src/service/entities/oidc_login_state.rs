//! `oidc_login_states` table: a started OpenID Connect sign-in or link, until its callback.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "oidc_login_states")]
pub struct Model {
    /// SHA-256 (hex) of the `state` parameter.
    #[sea_orm(primary_key, auto_increment = false)]
    pub state_hash: String,
    pub provider: String,
    pub nonce: String,
    pub pkce_verifier: String,
    /// `LOGIN` or `LINK`.
    pub purpose: String,
    /// The user linking (`LINK` only).
    pub user_id: Option<Uuid>,
    pub created_at: DateTimeUtc,
    pub expires_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
