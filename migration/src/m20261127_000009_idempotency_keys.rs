//! `idempotency_keys`: a client-chosen key per create request. The key is written in the same
//! database transaction as what the request created, with a fingerprint of the request, so a
//! retry finds the first result (and writes nothing), and a different request reusing the
//! key is refused. The primary key `(user_id, key)` makes two racing retries meet in the
//! database: the second waits for the first and then sees its result.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum IdempotencyKeys {
    Table,
    UserId,
    Key,
    Operation,
    Fingerprint,
    ResultId,
    CreatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(IdempotencyKeys::Table)
                    .col(ColumnDef::new(IdempotencyKeys::UserId).uuid().not_null())
                    .col(
                        ColumnDef::new(IdempotencyKeys::Key)
                            .string_len(200)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(IdempotencyKeys::Operation)
                            .string_len(32)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(IdempotencyKeys::Fingerprint)
                            .string_len(64)
                            .not_null(),
                    )
                    .col(ColumnDef::new(IdempotencyKeys::ResultId).uuid().not_null())
                    .col(
                        ColumnDef::new(IdempotencyKeys::CreatedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .primary_key(
                        Index::create()
                            .col(IdempotencyKeys::UserId)
                            .col(IdempotencyKeys::Key),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_idempotency_keys_user")
                            .from(IdempotencyKeys::Table, IdempotencyKeys::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(IdempotencyKeys::Table).to_owned())
            .await
    }
}
