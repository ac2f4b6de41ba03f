//! Two-factor sign-in (TOTP, RFC 6238).
//! - `two_factor`: one row per user who started enrolling. The TOTP secret is stored sealed
//!   (XChaCha20-Poly1305 under a key derived from the server's configuration, the user id as
//!   associated data), never plain; `enabled_at` is null until a first code confirmed it;
//!   `last_used_step` is the TOTP time step of the last code accepted, so a code is accepted
//!   once (a conditional `UPDATE … WHERE last_used_step < step` decides, atomically).
//! - `recovery_codes`: the SHA-256 of each one-time recovery code, and when it was used.
//! - `two_factor_challenges`: the second step of a sign-in — the SHA-256 of a random token,
//!   its user, expiry, attempts so far and when it was answered (in the database, so it holds
//!   across instances).

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum TwoFactor {
    Table,
    UserId,
    SecretSealed,
    EnabledAt,
    LastUsedStep,
    CreatedAt,
}

#[derive(DeriveIden)]
enum RecoveryCodes {
    Table,
    CodeHash,
    UserId,
    CreatedAt,
    UsedAt,
}

#[derive(DeriveIden)]
enum TwoFactorChallenges {
    Table,
    TokenHash,
    UserId,
    Method,
    CreatedAt,
    ExpiresAt,
    Attempts,
    UsedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.create_table(two_factor()).await?;
        manager.create_table(recovery_codes()).await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_recovery_codes_user")
                    .table(RecoveryCodes::Table)
                    .col(RecoveryCodes::UserId)
                    .to_owned(),
            )
            .await?;
        manager.create_table(challenges()).await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_two_factor_challenges_user")
                    .table(TwoFactorChallenges::Table)
                    .col(TwoFactorChallenges::UserId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            TwoFactorChallenges::Table.into_iden(),
            RecoveryCodes::Table.into_iden(),
            TwoFactor::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}

fn user_fk(name: &str, from: (impl IntoIden, impl IntoIden)) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .name(name)
        .from(from.0, from.1)
        .to(Users::Table, Users::Id)
        .on_delete(ForeignKeyAction::Cascade)
        .to_owned()
}

fn two_factor() -> TableCreateStatement {
    Table::create()
        .table(TwoFactor::Table)
        .col(
            ColumnDef::new(TwoFactor::UserId)
                .uuid()
                .not_null()
                .primary_key(),
        )
        .col(ColumnDef::new(TwoFactor::SecretSealed).text().not_null())
        .col(
            ColumnDef::new(TwoFactor::EnabledAt)
                .timestamp_with_time_zone()
                .null(),
        )
        .col(ColumnDef::new(TwoFactor::LastUsedStep).big_integer().null())
        .col(
            ColumnDef::new(TwoFactor::CreatedAt)
                .timestamp_with_time_zone()
                .not_null(),
        )
        .foreign_key(&mut user_fk(
            "fk_two_factor_user",
            (TwoFactor::Table, TwoFactor::UserId),
        ))
        .to_owned()
}

fn recovery_codes() -> TableCreateStatement {
    Table::create()
        .table(RecoveryCodes::Table)
        .col(
            ColumnDef::new(RecoveryCodes::CodeHash)
                .string_len(64)
                .not_null()
                .primary_key(),
        )
        .col(ColumnDef::new(RecoveryCodes::UserId).uuid().not_null())
        .col(
            ColumnDef::new(RecoveryCodes::CreatedAt)
                .timestamp_with_time_zone()
                .not_null(),
        )
        .col(
            ColumnDef::new(RecoveryCodes::UsedAt)
                .timestamp_with_time_zone()
                .null(),
        )
        .foreign_key(&mut user_fk(
            "fk_recovery_codes_user",
            (RecoveryCodes::Table, RecoveryCodes::UserId),
        ))
        .to_owned()
}

fn challenges() -> TableCreateStatement {
    Table::create()
        .table(TwoFactorChallenges::Table)
        .col(
            ColumnDef::new(TwoFactorChallenges::TokenHash)
                .string_len(64)
                .not_null()
                .primary_key(),
        )
        .col(
            ColumnDef::new(TwoFactorChallenges::UserId)
                .uuid()
                .not_null(),
        )
        .col(
            ColumnDef::new(TwoFactorChallenges::Method)
                .string_len(200)
                .not_null(),
        )
        .col(
            ColumnDef::new(TwoFactorChallenges::CreatedAt)
                .timestamp_with_time_zone()
                .not_null(),
        )
        .col(
            ColumnDef::new(TwoFactorChallenges::ExpiresAt)
                .timestamp_with_time_zone()
                .not_null(),
        )
        .col(
            ColumnDef::new(TwoFactorChallenges::Attempts)
                .integer()
                .not_null()
                .default(0),
        )
        .col(
            ColumnDef::new(TwoFactorChallenges::UsedAt)
                .timestamp_with_time_zone()
                .null(),
        )
        .foreign_key(&mut user_fk(
            "fk_two_factor_challenges_user",
            (TwoFactorChallenges::Table, TwoFactorChallenges::UserId),
        ))
        .to_owned()
}
