//! `valuations`: what an investment or property account was worth on a date (like the
//! original app's per-institution net-worth entries). One per account and date; removed with
//! the account, referenced together with the owner.

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
}

#[derive(DeriveIden)]
enum Valuations {
    Table,
    Id,
    UserId,
    AccountId,
    Date,
    ValueMinor,
    CreatedAt,
    UpdatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.create_table(table()).await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_valuations_user_account_date")
                    .table(Valuations::Table)
                    .col(Valuations::UserId)
                    .col(Valuations::AccountId)
                    .col(Valuations::Date)
                    .unique()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(Valuations::Table).to_owned())
            .await
    }
}

fn table() -> TableCreateStatement {
    Table::create()
        .table(Valuations::Table)
        .col(
            ColumnDef::new(Valuations::Id)
                .uuid()
                .not_null()
                .primary_key(),
        )
        .col(ColumnDef::new(Valuations::UserId).uuid().not_null())
        .col(ColumnDef::new(Valuations::AccountId).uuid().not_null())
        .col(ColumnDef::new(Valuations::Date).date().not_null())
        .col(
            ColumnDef::new(Valuations::ValueMinor)
                .big_integer()
                .not_null(),
        )
        .col(
            ColumnDef::new(Valuations::CreatedAt)
                .timestamp_with_time_zone()
                .not_null(),
        )
        .col(
            ColumnDef::new(Valuations::UpdatedAt)
                .timestamp_with_time_zone()
                .not_null(),
        )
        .foreign_key(
            ForeignKey::create()
                .name("fk_valuations_user")
                .from(Valuations::Table, Valuations::UserId)
                .to(Users::Table, Users::Id)
                .on_delete(ForeignKeyAction::Cascade),
        )
        .foreign_key(
            ForeignKey::create()
                .name("fk_valuations_account_same_user")
                .from(
                    Valuations::Table,
                    (Valuations::UserId, Valuations::AccountId),
                )
                .to(Accounts::Table, (Accounts::UserId, Accounts::Id))
                .on_delete(ForeignKeyAction::Cascade),
        )
        .to_owned()
}
