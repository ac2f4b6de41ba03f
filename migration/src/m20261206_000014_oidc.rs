//! OpenID Connect sign-in.
//! - `user_identities`: a provider's account (`provider`, `subject` — the ID token's `sub`,
//!   unique per provider) linked to a Tally user, with the email the provider vouched for.
//! - `oidc_login_states`: one per started sign-in or link: the SHA-256 of its `state` (never
//!   the state itself), its nonce and PKCE verifier, what it is for (`LOGIN` or `LINK`, with
//!   the user linking), and when it expires. In the database, so a callback may reach
//!   another instance; deleted when used, so a replayed callback finds nothing.
//!
//! Accounts created through a provider have no password: their `password_hash` is the empty
//! string, which no password verifies against (see `service::users::credentials`).

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum UserIdentities {
    Table,
    Id,
    UserId,
    Provider,
    Subject,
    Email,
    LinkedAt,
}

#[derive(DeriveIden)]
enum OidcLoginStates {
    Table,
    StateHash,
    Provider,
    Nonce,
    PkceVerifier,
    Purpose,
    UserId,
    CreatedAt,
    ExpiresAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        create_identities(manager).await?;
        create_login_states(manager).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            OidcLoginStates::Table.into_iden(),
            UserIdentities::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}

fn timestamp<T: IntoIden>(column: T) -> ColumnDef {
    ColumnDef::new(column)
        .timestamp_with_time_zone()
        .not_null()
        .to_owned()
}

async fn create_identities(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    manager
        .create_table(
            Table::create()
                .table(UserIdentities::Table)
                .col(
                    ColumnDef::new(UserIdentities::Id)
                        .uuid()
                        .not_null()
                        .primary_key(),
                )
                .col(ColumnDef::new(UserIdentities::UserId).uuid().not_null())
                .col(
                    ColumnDef::new(UserIdentities::Provider)
                        .string_len(32)
                        .not_null(),
                )
                .col(
                    ColumnDef::new(UserIdentities::Subject)
                        .string_len(255)
                        .not_null(),
                )
                .col(ColumnDef::new(UserIdentities::Email).string_len(254).null())
                .col(timestamp(UserIdentities::LinkedAt))
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_user_identities_user")
                        .from(UserIdentities::Table, UserIdentities::UserId)
                        .to(Users::Table, Users::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
    manager
        .create_index(
            Index::create()
                .name("ux_user_identities_provider_subject")
                .table(UserIdentities::Table)
                .col(UserIdentities::Provider)
                .col(UserIdentities::Subject)
                .unique()
                .to_owned(),
        )
        .await?;
    manager
        .create_index(
            Index::create()
                .name("idx_user_identities_user")
                .table(UserIdentities::Table)
                .col(UserIdentities::UserId)
                .to_owned(),
        )
        .await
}

async fn create_login_states(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    manager
        .create_table(
            Table::create()
                .table(OidcLoginStates::Table)
                .col(
                    ColumnDef::new(OidcLoginStates::StateHash)
                        .string_len(64)
                        .not_null()
                        .primary_key(),
                )
                .col(
                    ColumnDef::new(OidcLoginStates::Provider)
                        .string_len(32)
                        .not_null(),
                )
                .col(
                    ColumnDef::new(OidcLoginStates::Nonce)
                        .string_len(128)
                        .not_null(),
                )
                .col(
                    ColumnDef::new(OidcLoginStates::PkceVerifier)
                        .string_len(128)
                        .not_null(),
                )
                .col(
                    ColumnDef::new(OidcLoginStates::Purpose)
                        .string_len(8)
                        .not_null(),
                )
                .col(ColumnDef::new(OidcLoginStates::UserId).uuid().null())
                .col(timestamp(OidcLoginStates::CreatedAt))
                .col(timestamp(OidcLoginStates::ExpiresAt))
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_oidc_login_states_user")
                        .from(OidcLoginStates::Table, OidcLoginStates::UserId)
                        .to(Users::Table, Users::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
    manager
        .create_index(
            Index::create()
                .name("idx_oidc_login_states_expires")
                .table(OidcLoginStates::Table)
                .col(OidcLoginStates::ExpiresAt)
                .to_owned(),
        )
        .await
}
