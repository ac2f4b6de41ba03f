//! `accounts`: where money lives (a current account, a card, cash …), per user.
//!
//! `(user_id, id)` is unique so that other tables can reference an account *together with its
//! owner* through a composite foreign key: the database itself refuses a row of one user that
//! points at another user's account. At most one account per user is the default one.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Accounts {
    Table,
    Id,
    UserId,
    Name,
    Kind,
    Currency,
    Institution,
    OpeningBalanceMinor,
    IsDefault,
    Archived,
    CreatedAt,
    UpdatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Accounts::Table)
                    .col(ColumnDef::new(Accounts::Id).uuid().not_null().primary_key())
                    .col(ColumnDef::new(Accounts::UserId).uuid().not_null())
                    .col(ColumnDef::new(Accounts::Name).string_len(100).not_null())
                    .col(ColumnDef::new(Accounts::Kind).string_len(16).not_null())
                    .col(ColumnDef::new(Accounts::Currency).char_len(3).not_null())
                    .col(ColumnDef::new(Accounts::Institution).string_len(100).null())
                    .col(
                        ColumnDef::new(Accounts::OpeningBalanceMinor)
                            .big_integer()
                            .not_null()
                            .default(0),
                    )
                    .col(
                        ColumnDef::new(Accounts::IsDefault)
                            .boolean()
                            .not_null()
                            .default(false),
                    )
                    .col(
                        ColumnDef::new(Accounts::Archived)
                            .boolean()
                            .not_null()
                            .default(false),
                    )
                    .col(
                        ColumnDef::new(Accounts::CreatedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(Accounts::UpdatedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_accounts_user")
                            .from(Accounts::Table, Accounts::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_accounts_user_id_id")
                    .table(Accounts::Table)
                    .col(Accounts::UserId)
                    .col(Accounts::Id)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_accounts_user_id_name")
                    .table(Accounts::Table)
                    .col(Accounts::UserId)
                    .col(Accounts::Name)
                    .unique()
                    .to_owned(),
            )
            .await?;
        // A partial unique index: both PostgreSQL and SQLite understand this statement.
        manager
            .get_connection()
            .execute_unprepared(
                "CREATE UNIQUE INDEX ux_accounts_one_default ON accounts (user_id) WHERE is_default",
            )
            .await
            .map(|_| ())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(Accounts::Table).to_owned())
            .await
    }
}
