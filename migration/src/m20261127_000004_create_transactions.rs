//! `transactions`: signed amounts (negative = money out) in integer minor units of the
//! account's currency, which is copied onto the row so that a page of transactions needs no
//! join to print its amounts. The account and the category are referenced together with the
//! owner, so the database refuses a transaction that points at another user's rows.
//! Indexes lead with `user_id` and match the keyset orders (date, id) and (currency, amount,
//! id) — amounts sort within their currency.
//! `description_key` is the description lower-cased by the application (SQLite's `lower()`
//! only knows ASCII), so text search matches alike on both backends.

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

#[derive(DeriveIden, Clone, Copy)]
enum Transactions {
    Table,
    Id,
    UserId,
    AccountId,
    CategoryId,
    Date,
    AmountMinor,
    Currency,
    Description,
    DescriptionKey,
    Notes,
    CreatedAt,
    UpdatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.create_table(table()).await?;
        let indexes: [(&str, &[Transactions]); 4] = [
            (
                "ix_transactions_user_date_id",
                &[Transactions::Date, Transactions::Id],
            ),
            (
                "ix_transactions_user_currency_amount_id",
                &[
                    Transactions::Currency,
                    Transactions::AmountMinor,
                    Transactions::Id,
                ],
            ),
            (
                "ix_transactions_user_account",
                &[Transactions::AccountId, Transactions::Date],
            ),
            (
                "ix_transactions_user_category",
                &[Transactions::CategoryId, Transactions::Date],
            ),
        ];
        for (name, cols) in indexes {
            let mut index = Index::create();
            index
                .name(name)
                .table(Transactions::Table)
                .col(Transactions::UserId);
            for col in cols {
                index.col(*col);
            }
            manager.create_index(index.to_owned()).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(Transactions::Table).to_owned())
            .await
    }
}

fn table() -> TableCreateStatement {
    Table::create()
        .table(Transactions::Table)
        .col(
            ColumnDef::new(Transactions::Id)
                .uuid()
                .not_null()
                .primary_key(),
        )
        .col(ColumnDef::new(Transactions::UserId).uuid().not_null())
        .col(ColumnDef::new(Transactions::AccountId).uuid().not_null())
        .col(ColumnDef::new(Transactions::CategoryId).uuid().null())
        .col(ColumnDef::new(Transactions::Date).date().not_null())
        .col(
            ColumnDef::new(Transactions::AmountMinor)
                .big_integer()
                .not_null(),
        )
        .col(
            ColumnDef::new(Transactions::Currency)
                .char_len(3)
                .not_null(),
        )
        .col(
            ColumnDef::new(Transactions::Description)
                .string_len(500)
                .not_null(),
        )
        .col(
            ColumnDef::new(Transactions::DescriptionKey)
                .text()
                .not_null(),
        )
        .col(ColumnDef::new(Transactions::Notes).text().null())
        .col(
            ColumnDef::new(Transactions::CreatedAt)
                .timestamp_with_time_zone()
                .not_null(),
        )
        .col(
            ColumnDef::new(Transactions::UpdatedAt)
                .timestamp_with_time_zone()
                .not_null(),
        )
        .foreign_key(
            ForeignKey::create()
                .name("fk_transactions_user")
                .from(Transactions::Table, Transactions::UserId)
                .to(Users::Table, Users::Id)
                .on_delete(ForeignKeyAction::Cascade),
        )
        .foreign_key(
            ForeignKey::create()
                .name("fk_transactions_account_same_user")
                .from(
                    Transactions::Table,
                    (Transactions::UserId, Transactions::AccountId),
                )
                .to(Accounts::Table, (Accounts::UserId, Accounts::Id))
                .on_delete(ForeignKeyAction::NoAction),
        )
        .foreign_key(
            ForeignKey::create()
                .name("fk_transactions_category_same_user")
                .from(
                    Transactions::Table,
                    (Transactions::UserId, Transactions::CategoryId),
                )
                .to(Categories::Table, (Categories::UserId, Categories::Id))
                .on_delete(ForeignKeyAction::NoAction),
        )
        .to_owned()
}
