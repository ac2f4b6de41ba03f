//! Recurring transactions (issue 17): `recurring_schedules`, one template and recurrence per
//! row, and `recurring_occurrences`, what happened to one date of a schedule (written,
//! skipped, edited ahead, failed). `(schedule_id, date)` is unique, so an occurrence can be
//! recorded once only. Accounts and categories are referenced together with the owner.

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
enum RecurringSchedules {
    Table,
    Id,
    UserId,
    AccountId,
    ToAccountId,
    CategoryId,
    AmountMinor,
    ToAmountMinor,
    Description,
    Tags,
    Frequency,
    Every,
    Weekdays,
    MonthDay,
    StartDate,
    EndDate,
    Count,
    Automatic,
    NextDue,
    ClaimedUntil,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum RecurringOccurrences {
    Table,
    Id,
    UserId,
    ScheduleId,
    Date,
    Status,
    ResultId,
    AmountMinor,
    Description,
    PostDate,
    CreatedAt,
    UpdatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.create_table(schedules()).await?;
        for (name, cols) in [
            (
                "ux_recurring_schedules_user_id",
                vec![RecurringSchedules::UserId, RecurringSchedules::Id],
            ),
            (
                "ix_recurring_schedules_due",
                vec![RecurringSchedules::NextDue],
            ),
        ] {
            let mut index = Index::create();
            index.name(name).table(RecurringSchedules::Table);
            for col in cols {
                index.col(col);
            }
            if name.starts_with("ux_") {
                index.unique();
            }
            manager.create_index(index.to_owned()).await?;
        }
        manager.create_table(occurrences()).await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_recurring_occurrences_schedule_date")
                    .table(RecurringOccurrences::Table)
                    .col(RecurringOccurrences::ScheduleId)
                    .col(RecurringOccurrences::Date)
                    .unique()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(RecurringOccurrences::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(RecurringSchedules::Table).to_owned())
            .await
    }
}

fn timestamp(col: impl IntoIden) -> ColumnDef {
    ColumnDef::new(col)
        .timestamp_with_time_zone()
        .not_null()
        .to_owned()
}

fn schedules() -> TableCreateStatement {
    use RecurringSchedules as S;
    Table::create()
        .table(S::Table)
        .col(ColumnDef::new(S::Id).uuid().not_null().primary_key())
        .col(ColumnDef::new(S::UserId).uuid().not_null())
        .col(ColumnDef::new(S::AccountId).uuid().not_null())
        .col(ColumnDef::new(S::ToAccountId).uuid().null())
        .col(ColumnDef::new(S::CategoryId).uuid().null())
        .col(ColumnDef::new(S::AmountMinor).big_integer().not_null())
        .col(ColumnDef::new(S::ToAmountMinor).big_integer().null())
        .col(ColumnDef::new(S::Description).string().not_null())
        // The tags, one per line.
        .col(ColumnDef::new(S::Tags).text().not_null())
        .col(ColumnDef::new(S::Frequency).string_len(16).not_null())
        .col(ColumnDef::new(S::Every).integer().not_null())
        // Bit i (0 = Monday) set: weekly on that day.
        .col(ColumnDef::new(S::Weekdays).integer().not_null())
        // 1–31, or 0 for the last day of the month.
        .col(ColumnDef::new(S::MonthDay).integer().null())
        .col(ColumnDef::new(S::StartDate).date().not_null())
        .col(ColumnDef::new(S::EndDate).date().null())
        .col(ColumnDef::new(S::Count).integer().null())
        .col(ColumnDef::new(S::Automatic).boolean().not_null())
        // The first occurrence the job has not handled yet; NULL when there is none left.
        .col(ColumnDef::new(S::NextDue).date().null())
        // A job run's claim on the schedule, so two instances do not work on it at once.
        .col(
            ColumnDef::new(S::ClaimedUntil)
                .timestamp_with_time_zone()
                .null(),
        )
        .col(timestamp(S::CreatedAt))
        .col(timestamp(S::UpdatedAt))
        .foreign_key(
            ForeignKey::create()
                .name("fk_recurring_schedules_user")
                .from(S::Table, S::UserId)
                .to(Users::Table, Users::Id)
                .on_delete(ForeignKeyAction::Cascade),
        )
        .foreign_key(
            ForeignKey::create()
                .name("fk_recurring_schedules_account_same_user")
                .from(S::Table, (S::UserId, S::AccountId))
                .to(Accounts::Table, (Accounts::UserId, Accounts::Id))
                .on_delete(ForeignKeyAction::Cascade),
        )
        .foreign_key(
            ForeignKey::create()
                .name("fk_recurring_schedules_to_account_same_user")
                .from(S::Table, (S::UserId, S::ToAccountId))
                .to(Accounts::Table, (Accounts::UserId, Accounts::Id))
                .on_delete(ForeignKeyAction::Cascade),
        )
        .foreign_key(
            ForeignKey::create()
                .name("fk_recurring_schedules_category_same_user")
                .from(S::Table, (S::UserId, S::CategoryId))
                .to(Categories::Table, (Categories::UserId, Categories::Id))
                .on_delete(ForeignKeyAction::NoAction),
        )
        .to_owned()
}

fn occurrences() -> TableCreateStatement {
    use RecurringOccurrences as O;
    Table::create()
        .table(O::Table)
        .col(ColumnDef::new(O::Id).uuid().not_null().primary_key())
        .col(ColumnDef::new(O::UserId).uuid().not_null())
        .col(ColumnDef::new(O::ScheduleId).uuid().not_null())
        // The scheduled date: with the schedule, the occurrence's identity.
        .col(ColumnDef::new(O::Date).date().not_null())
        .col(ColumnDef::new(O::Status).string_len(16).not_null())
        // The transaction or transfer written for it.
        .col(ColumnDef::new(O::ResultId).uuid().null())
        // Overrides of an edited occurrence.
        .col(ColumnDef::new(O::AmountMinor).big_integer().null())
        .col(ColumnDef::new(O::Description).string().null())
        .col(ColumnDef::new(O::PostDate).date().null())
        .col(timestamp(O::CreatedAt))
        .col(timestamp(O::UpdatedAt))
        .foreign_key(
            ForeignKey::create()
                .name("fk_recurring_occurrences_schedule_same_user")
                .from(O::Table, (O::UserId, O::ScheduleId))
                .to(
                    RecurringSchedules::Table,
                    (RecurringSchedules::UserId, RecurringSchedules::Id),
                )
                .on_delete(ForeignKeyAction::Cascade),
        )
        .to_owned()
}
