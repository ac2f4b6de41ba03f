//! `accounts.balance_minor`: the ledger balance (opening balance plus every transaction) kept
//! on the account row. Every write that changes a transaction amount updates it in the same
//! database transaction, under the account's row lock, so reading a balance or checking the
//! balance bound is one row read instead of a sum over the account's whole history.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Accounts {
    Table,
    BalanceMinor,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Accounts::Table)
                    .add_column(
                        ColumnDef::new(Accounts::BalanceMinor)
                            .big_integer()
                            .not_null()
                            .default(0),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .get_connection()
            .execute_unprepared(
                "UPDATE accounts SET balance_minor = opening_balance_minor + COALESCE((\
                 SELECT SUM(t.amount_minor) FROM transactions t \
                 WHERE t.user_id = accounts.user_id AND t.account_id = accounts.id), 0)",
            )
            .await
            .map(|_| ())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Accounts::Table)
                    .drop_column(Accounts::BalanceMinor)
                    .to_owned(),
            )
            .await
    }
}
