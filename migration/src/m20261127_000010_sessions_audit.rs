//! Sessions and account security.
//! - `users` gains what authentication needs per request and per login attempt:
//!   `token_version` (bumped to end every access token issued before: logout everywhere, a
//!   password or role change, disabling), `disabled_at`, the failed-login counter and lock
//!   (`failed_logins`, `locked_until`, in the database so they hold across instances) and
//!   `last_login_at`.
//! - `sessions`: one per login (a refresh-token family), with its absolute expiry, last use,
//!   client and revocation.
//! - `refresh_tokens`: the SHA-256 of every refresh token a session was given (never the
//!   token), and when it was superseded by the next one; replaying a superseded token after
//!   the grace window revokes the session.
//! - `audit_events`: the append-only audit log. Triggers refuse any `UPDATE` on both
//!   databases; rows are only ever inserted, and deleted by retention or account erasure.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
    TokenVersion,
    DisabledAt,
    FailedLogins,
    LockedUntil,
    LastLoginAt,
}

#[derive(DeriveIden)]
enum Sessions {
    Table,
    Id,
    UserId,
    CreatedAt,
    LastUsedAt,
    ExpiresAt,
    UserAgent,
    Ip,
    RevokedAt,
    RevokedReason,
}

#[derive(DeriveIden)]
enum RefreshTokens {
    Table,
    TokenHash,
    SessionId,
    CreatedAt,
    SupersededAt,
}

#[derive(DeriveIden)]
enum AuditEvents {
    Table,
    Id,
    UserId,
    ActorId,
    Action,
    EntityType,
    EntityId,
    Reason,
    Ip,
    UserAgent,
    CreatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        add_user_columns(manager).await?;
        create_sessions(manager).await?;
        create_refresh_tokens(manager).await?;
        create_audit_events(manager).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            AuditEvents::Table.into_iden(),
            RefreshTokens::Table.into_iden(),
            Sessions::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        for column in [
            Users::TokenVersion,
            Users::DisabledAt,
            Users::FailedLogins,
            Users::LockedUntil,
            Users::LastLoginAt,
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Users::Table)
                        .drop_column(column)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}

/// One `ALTER TABLE` per column: SQLite takes a single change per statement.
async fn add_user_columns(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    let columns = [
        ColumnDef::new(Users::TokenVersion)
            .big_integer()
            .not_null()
            .default(0)
            .to_owned(),
        ColumnDef::new(Users::DisabledAt)
            .timestamp_with_time_zone()
            .null()
            .to_owned(),
        ColumnDef::new(Users::FailedLogins)
            .integer()
            .not_null()
            .default(0)
            .to_owned(),
        ColumnDef::new(Users::LockedUntil)
            .timestamp_with_time_zone()
            .null()
            .to_owned(),
        ColumnDef::new(Users::LastLoginAt)
            .timestamp_with_time_zone()
            .null()
            .to_owned(),
    ];
    for mut column in columns {
        manager
            .alter_table(
                Table::alter()
                    .table(Users::Table)
                    .add_column(&mut column)
                    .to_owned(),
            )
            .await?;
    }
    Ok(())
}

async fn create_sessions(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    manager
        .create_table(
            Table::create()
                .table(Sessions::Table)
                .col(ColumnDef::new(Sessions::Id).uuid().not_null().primary_key())
                .col(ColumnDef::new(Sessions::UserId).uuid().not_null())
                .col(timestamp(Sessions::CreatedAt))
                .col(timestamp(Sessions::LastUsedAt))
                .col(timestamp(Sessions::ExpiresAt))
                .col(ColumnDef::new(Sessions::UserAgent).string_len(256).null())
                .col(ColumnDef::new(Sessions::Ip).string_len(64).null())
                .col(
                    ColumnDef::new(Sessions::RevokedAt)
                        .timestamp_with_time_zone()
                        .null(),
                )
                .col(
                    ColumnDef::new(Sessions::RevokedReason)
                        .string_len(32)
                        .null(),
                )
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_sessions_user")
                        .from(Sessions::Table, Sessions::UserId)
                        .to(Users::Table, Users::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
    manager
        .create_index(
            Index::create()
                .name("idx_sessions_user")
                .table(Sessions::Table)
                .col(Sessions::UserId)
                .col(Sessions::CreatedAt)
                .to_owned(),
        )
        .await
}

async fn create_refresh_tokens(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    manager
        .create_table(
            Table::create()
                .table(RefreshTokens::Table)
                .col(
                    ColumnDef::new(RefreshTokens::TokenHash)
                        .string_len(64)
                        .not_null()
                        .primary_key(),
                )
                .col(ColumnDef::new(RefreshTokens::SessionId).uuid().not_null())
                .col(timestamp(RefreshTokens::CreatedAt))
                .col(
                    ColumnDef::new(RefreshTokens::SupersededAt)
                        .timestamp_with_time_zone()
                        .null(),
                )
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_refresh_tokens_session")
                        .from(RefreshTokens::Table, RefreshTokens::SessionId)
                        .to(Sessions::Table, Sessions::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
    manager
        .create_index(
            Index::create()
                .name("idx_refresh_tokens_session")
                .table(RefreshTokens::Table)
                .col(RefreshTokens::SessionId)
                .to_owned(),
        )
        .await
}

/// The audit log has no foreign key to `users`: a row about a login attempt for an unknown
/// email has no user, and the record of an erased account outlives the account.
async fn create_audit_events(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    manager
        .create_table(
            Table::create()
                .table(AuditEvents::Table)
                .col(
                    ColumnDef::new(AuditEvents::Id)
                        .uuid()
                        .not_null()
                        .primary_key(),
                )
                .col(ColumnDef::new(AuditEvents::UserId).uuid().null())
                .col(ColumnDef::new(AuditEvents::ActorId).uuid().null())
                .col(
                    ColumnDef::new(AuditEvents::Action)
                        .string_len(48)
                        .not_null(),
                )
                .col(
                    ColumnDef::new(AuditEvents::EntityType)
                        .string_len(32)
                        .null(),
                )
                .col(ColumnDef::new(AuditEvents::EntityId).string_len(64).null())
                .col(ColumnDef::new(AuditEvents::Reason).string_len(48).null())
                .col(ColumnDef::new(AuditEvents::Ip).string_len(64).null())
                .col(
                    ColumnDef::new(AuditEvents::UserAgent)
                        .string_len(256)
                        .null(),
                )
                .col(timestamp(AuditEvents::CreatedAt))
                .to_owned(),
        )
        .await?;
    for (name, columns) in [
        (
            "idx_audit_events_user",
            vec![AuditEvents::UserId, AuditEvents::CreatedAt, AuditEvents::Id],
        ),
        ("idx_audit_events_created", vec![AuditEvents::CreatedAt]),
    ] {
        let mut index = Index::create();
        index.name(name).table(AuditEvents::Table);
        for column in columns {
            index.col(column);
        }
        manager.create_index(index.to_owned()).await?;
    }
    refuse_updates(manager).await
}

/// Append-only, enforced by the database: any `UPDATE` of an audit row fails.
async fn refuse_updates(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    let db = manager.get_connection();
    match manager.get_database_backend() {
        sea_orm_migration::sea_orm::DatabaseBackend::Postgres => {
            db.execute_unprepared(
                "CREATE FUNCTION audit_events_append_only() RETURNS trigger AS $$ \
                 BEGIN RAISE EXCEPTION 'audit_events is append-only'; END; \
                 $$ LANGUAGE plpgsql",
            )
            .await?;
            db.execute_unprepared(
                "CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events \
                 FOR EACH ROW EXECUTE FUNCTION audit_events_append_only()",
            )
            .await?;
        }
        _ => {
            db.execute_unprepared(
                "CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events \
                 BEGIN SELECT RAISE(ABORT, 'audit_events is append-only'); END",
            )
            .await?;
        }
    }
    Ok(())
}

fn timestamp(column: impl IntoIden) -> ColumnDef {
    ColumnDef::new(column)
        .timestamp_with_time_zone()
        .not_null()
        .to_owned()
}
