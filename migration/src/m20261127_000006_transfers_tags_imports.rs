//! Transfers, tags and imports on transactions:
//! - `transfer_id`: the two legs of a transfer share it (money out of one account, into
//!   another); reports leave such rows out, since moving money is neither income nor expense;
//! - `import_key`: a fingerprint of a CSV row, unique per account, so importing the same file
//!   twice creates nothing the second time;
//! - `transaction_tags`: free-text tags, referenced together with the owner like every
//!   other cross-table reference, and removed with their transaction.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden, Clone, Copy)]
enum Transactions {
    Table,
    Id,
    UserId,
    AccountId,
    TransferId,
    ImportKey,
}

#[derive(DeriveIden)]
enum TransactionTags {
    Table,
    UserId,
    TransactionId,
    Tag,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for column in [
            ColumnDef::new(Transactions::TransferId)
                .uuid()
                .null()
                .to_owned(),
            ColumnDef::new(Transactions::ImportKey)
                .string_len(64)
                .null()
                .to_owned(),
        ] {
            let mut column = column;
            manager
                .alter_table(
                    Table::alter()
                        .table(Transactions::Table)
                        .add_column(&mut column)
                        .to_owned(),
                )
                .await?;
        }
        let indexes: [(&str, &[Transactions], bool); 3] = [
            ("ux_transactions_user_id_id", &[Transactions::Id], true),
            (
                "ix_transactions_user_transfer",
                &[Transactions::TransferId],
                false,
            ),
            (
                "ux_transactions_user_account_import_key",
                &[Transactions::AccountId, Transactions::ImportKey],
                true,
            ),
        ];
        for (name, cols, unique) in indexes {
            let mut index = Index::create();
            index
                .name(name)
                .table(Transactions::Table)
                .col(Transactions::UserId);
            for col in cols {
                index.col(*col);
            }
            if unique {
                index.unique();
            }
            manager.create_index(index.to_owned()).await?;
        }
        manager.create_table(tags_table()).await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_transaction_tags_user_tag")
                    .table(TransactionTags::Table)
                    .col(TransactionTags::UserId)
                    .col(TransactionTags::Tag)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(TransactionTags::Table).to_owned())
            .await?;
        for name in [
            "ux_transactions_user_account_import_key",
            "ix_transactions_user_transfer",
            "ux_transactions_user_id_id",
        ] {
            manager
                .drop_index(
                    Index::drop()
                        .name(name)
                        .table(Transactions::Table)
                        .to_owned(),
                )
                .await?;
        }
        for column in [Transactions::ImportKey, Transactions::TransferId] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Transactions::Table)
                        .drop_column(column)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}

fn tags_table() -> TableCreateStatement {
    Table::create()
        .table(TransactionTags::Table)
        .col(ColumnDef::new(TransactionTags::UserId).uuid().not_null())
        .col(
            ColumnDef::new(TransactionTags::TransactionId)
                .uuid()
                .not_null(),
        )
        .col(
            ColumnDef::new(TransactionTags::Tag)
                .string_len(50)
                .not_null(),
        )
        .primary_key(
            Index::create()
                .col(TransactionTags::TransactionId)
                .col(TransactionTags::Tag),
        )
        .foreign_key(
            ForeignKey::create()
                .name("fk_transaction_tags_transaction_same_user")
                .from(
                    TransactionTags::Table,
                    (TransactionTags::UserId, TransactionTags::TransactionId),
                )
                .to(
                    Transactions::Table,
                    (Transactions::UserId, Transactions::Id),
                )
                .on_delete(ForeignKeyAction::Cascade),
        )
        .to_owned()
}
