//! `rules`: each user's ordered rules that categorise, tag and rename transactions as they
//! are written. Conditions on the description are a small JSON list (bounded by the service);
//! the account condition and the category action reference the owner's rows through
//! composite foreign keys, and a rule goes with the account or category it names.
//! Amount bounds are signed integers in units of 10⁻⁴ (the finest currency exponent), so one
//! rule compares against amounts of any currency exactly.

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
enum Categories {
    Table,
    Id,
    UserId,
}

#[derive(DeriveIden)]
enum Rules {
    Table,
    Id,
    UserId,
    Position,
    Name,
    DescriptionConditions,
    AmountMinE4,
    AmountMaxE4,
    AccountId,
    CategoryId,
    AddTags,
    RenameTo,
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
                    .name("ux_rules_user_id_id")
                    .table(Rules::Table)
                    .col(Rules::UserId)
                    .col(Rules::Id)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_rules_user_position")
                    .table(Rules::Table)
                    .col(Rules::UserId)
                    .col(Rules::Position)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(Rules::Table).to_owned())
            .await
    }
}

fn table() -> TableCreateStatement {
    Table::create()
        .table(Rules::Table)
        .col(ColumnDef::new(Rules::Id).uuid().not_null().primary_key())
        .col(ColumnDef::new(Rules::UserId).uuid().not_null())
        .col(ColumnDef::new(Rules::Position).integer().not_null())
        .col(ColumnDef::new(Rules::Name).string_len(100).not_null())
        .col(
            ColumnDef::new(Rules::DescriptionConditions)
                .text()
                .not_null(),
        )
        .col(ColumnDef::new(Rules::AmountMinE4).big_integer().null())
        .col(ColumnDef::new(Rules::AmountMaxE4).big_integer().null())
        .col(ColumnDef::new(Rules::AccountId).uuid().null())
        .col(ColumnDef::new(Rules::CategoryId).uuid().null())
        .col(ColumnDef::new(Rules::AddTags).text().not_null())
        .col(ColumnDef::new(Rules::RenameTo).string_len(500).null())
        .col(
            ColumnDef::new(Rules::CreatedAt)
                .timestamp_with_time_zone()
                .not_null(),
        )
        .col(
            ColumnDef::new(Rules::UpdatedAt)
                .timestamp_with_time_zone()
                .not_null(),
        )
        .foreign_key(
            ForeignKey::create()
                .name("fk_rules_user")
                .from(Rules::Table, Rules::UserId)
                .to(Users::Table, Users::Id)
                .on_delete(ForeignKeyAction::Cascade),
        )
        .foreign_key(
            ForeignKey::create()
                .name("fk_rules_account_same_user")
                .from(Rules::Table, (Rules::UserId, Rules::AccountId))
                .to(Accounts::Table, (Accounts::UserId, Accounts::Id))
                .on_delete(ForeignKeyAction::Cascade),
        )
        .foreign_key(
            ForeignKey::create()
                .name("fk_rules_category_same_user")
                .from(Rules::Table, (Rules::UserId, Rules::CategoryId))
                .to(Categories::Table, (Categories::UserId, Categories::Id))
                .on_delete(ForeignKeyAction::Cascade),
        )
        .to_owned()
}
