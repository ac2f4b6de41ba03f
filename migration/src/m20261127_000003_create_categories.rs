//! `categories`: a user's own two-level tree (a category and its sub-categories), each INCOME
//! or EXPENSE. A parent is referenced together with its owner, so a category can never hang
//! under another user's category. Names are unique among siblings; the unique index on
//! `(user_id, parent_id, name)` also serves lookups of a parent's children.

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
    ParentId,
    Name,
    Kind,
    Position,
    CreatedAt,
    UpdatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Categories::Table)
                    .col(
                        ColumnDef::new(Categories::Id)
                            .uuid()
                            .not_null()
                            .primary_key(),
                    )
                    .col(ColumnDef::new(Categories::UserId).uuid().not_null())
                    .col(ColumnDef::new(Categories::ParentId).uuid().null())
                    .col(ColumnDef::new(Categories::Name).string_len(100).not_null())
                    .col(ColumnDef::new(Categories::Kind).string_len(16).not_null())
                    .col(
                        ColumnDef::new(Categories::Position)
                            .integer()
                            .not_null()
                            .default(0),
                    )
                    .col(
                        ColumnDef::new(Categories::CreatedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(Categories::UpdatedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_categories_user")
                            .from(Categories::Table, Categories::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    // Inline, so the self-reference below has its key when the table is made.
                    .index(
                        Index::create()
                            .name("ux_categories_user_id_id")
                            .col(Categories::UserId)
                            .col(Categories::Id)
                            .unique(),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_categories_parent_same_user")
                            .from(
                                Categories::Table,
                                (Categories::UserId, Categories::ParentId),
                            )
                            .to(Categories::Table, (Categories::UserId, Categories::Id))
                            .on_delete(ForeignKeyAction::NoAction),
                    )
                    .to_owned(),
            )
            .await?;
        // Names are unique among siblings. Top-level categories have no parent, and NULLs
        // never collide in a unique index, so they get a partial index of their own (both
        // PostgreSQL and SQLite understand these statements).
        let db = manager.get_connection();
        db.execute_unprepared(
            "CREATE UNIQUE INDEX ux_categories_user_parent_name \
             ON categories (user_id, parent_id, name)",
        )
        .await?;
        db.execute_unprepared(
            "CREATE UNIQUE INDEX ux_categories_user_top_name \
             ON categories (user_id, name) WHERE parent_id IS NULL",
        )
        .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(Categories::Table).to_owned())
            .await
    }
}
