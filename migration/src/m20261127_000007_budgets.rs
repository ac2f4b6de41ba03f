//! `budgets`: how much the user means to spend in a category in a month (stored as the
//! month's first day), in one currency. One budget per category and month; a budget goes
//! with its category, referenced together with the owner.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Categories {
    Table,
    Id,
    UserId,
}

#[derive(DeriveIden)]
enum Budgets {
    Table,
    Id,
    UserId,
    CategoryId,
    Month,
    Currency,
    AmountMinor,
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
                    .name("ux_budgets_user_month_category")
                    .table(Budgets::Table)
                    .col(Budgets::UserId)
                    .col(Budgets::Month)
                    .col(Budgets::CategoryId)
                    .unique()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(Budgets::Table).to_owned())
            .await
    }
}

fn table() -> TableCreateStatement {
    Table::create()
        .table(Budgets::Table)
        .col(ColumnDef::new(Budgets::Id).uuid().not_null().primary_key())
        .col(ColumnDef::new(Budgets::UserId).uuid().not_null())
        .col(ColumnDef::new(Budgets::CategoryId).uuid().not_null())
        .col(ColumnDef::new(Budgets::Month).date().not_null())
        .col(ColumnDef::new(Budgets::Currency).char_len(3).not_null())
        .col(
            ColumnDef::new(Budgets::AmountMinor)
                .big_integer()
                .not_null(),
        )
        .col(
            ColumnDef::new(Budgets::CreatedAt)
                .timestamp_with_time_zone()
                .not_null(),
        )
        .col(
            ColumnDef::new(Budgets::UpdatedAt)
                .timestamp_with_time_zone()
                .not_null(),
        )
        .foreign_key(
            ForeignKey::create()
                .name("fk_budgets_user")
                .from(Budgets::Table, Budgets::UserId)
                .to(Users::Table, Users::Id)
                .on_delete(ForeignKeyAction::Cascade),
        )
        .foreign_key(
            ForeignKey::create()
                .name("fk_budgets_category_same_user")
                .from(Budgets::Table, (Budgets::UserId, Budgets::CategoryId))
                .to(Categories::Table, (Categories::UserId, Categories::Id))
                .on_delete(ForeignKeyAction::Cascade),
        )
        .to_owned()
}
