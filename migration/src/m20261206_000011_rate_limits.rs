//! `rate_limits`: the per-client rate-limit buckets every instance shares on PostgreSQL (on
//! SQLite, a single process, they stay in memory and this table is unused). One row per
//! bucket: its key — a hash of the limit's name and the client's IP, never the IP itself —
//! and its GCRA *theoretical arrival time* in microseconds since the epoch. A row whose time
//! has passed means the same as no row, so rows are swept by that time (its index).

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum RateLimits {
    Table,
    Bucket,
    TatUs,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(RateLimits::Table)
                    .col(
                        ColumnDef::new(RateLimits::Bucket)
                            .string_len(32)
                            .not_null()
                            .primary_key(),
                    )
                    .col(ColumnDef::new(RateLimits::TatUs).big_integer().not_null())
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_rate_limits_tat_us")
                    .table(RateLimits::Table)
                    .col(RateLimits::TatUs)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(RateLimits::Table).to_owned())
            .await
    }
}
