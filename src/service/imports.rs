//! Importing transactions from a bank's CSV export into one of the viewer's accounts.
//!
//! The file is read and checked first ([`read`]: header mapping, dates, amounts, text), then
//! one database transaction locks the account, finds each row's category ([`category_names`])
//! and skips rows imported before ([`prepare`]: each row's fingerprint, `import_key`, is unique
//! per account), inserts the rest in chunks with their tags, and moves the stored balance
//! once. By default one bad row stops the whole import, and every bad row is reported.
//! The viewer's rules categorise, tag and rename the rows to write ([`with_rules`]).
//! An import that wrote rows is one `IMPORTED` event (entity `account`, its id) in the
//! audit log; one that wrote nothing (all duplicates, or refused) leaves none.

mod category_names;
mod cells;
mod prepare;
mod read;
mod row_numbers;
mod with_rules;

use sea_orm::EntityTrait;
use uuid::Uuid;

use crate::auth::Viewer;
use crate::error::{AppError, AppResult};
use crate::service::audit::{self, Action, Event};
use crate::service::constraints::IMPORT_KEYS;
use crate::service::entities::transaction;
use crate::service::events::{self as live, LedgerChange, LedgerKind, MAX_IDS};
use crate::service::{Store, accounts, categories, rules, transactions::tags};

pub(in crate::service) use cells::FORMULA_STARTS;

/// Largest CSV text accepted, in bytes (2 MiB).
pub const MAX_CSV_BYTES: usize = 2 * 1024 * 1024;
/// Most data rows in one import.
pub const MAX_DATA_ROWS: usize = 10_000;
/// Rows per `INSERT` statement: well inside both databases' bind-parameter limits.
const INSERT_CHUNK: usize = 500;

/// What to import, and how to read it.
#[derive(Debug)]
pub struct ImportRequest {
    pub account_id: Uuid,
    pub csv: String,
    pub mapping: CsvMapping,
    pub date_format: DateFormat,
    pub decimal_separator: DecimalSeparator,
    /// One of `,` `;` `|` or a tab.
    pub delimiter: String,
    /// Write nothing if any row has an error (otherwise write the good rows).
    pub all_or_nothing: bool,
}

/// Which header names hold which field; matched ignoring case and surrounding spaces. The
/// amount is either one signed column, or a debit (money out) and a credit column.
#[derive(Debug, Default)]
pub struct CsvMapping {
    pub date: String,
    pub description: String,
    pub amount: Option<String>,
    pub debit: Option<String>,
    pub credit: Option<String>,
    pub category: Option<String>,
    pub notes: Option<String>,
    /// A cell of comma-separated tags.
    pub tags: Option<String>,
}

/// How dates are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateFormat {
    /// `YYYY-MM-DD`
    Iso,
    /// `DD/MM/YYYY`, also with `.` or `-`
    Dmy,
    /// `MM/DD/YYYY`, also with `.` or `-`
    Mdy,
    /// `YYYY/MM/DD`
    YmdSlash,
}

impl DateFormat {
    fn example(self) -> &'static str {
        match self {
            Self::Iso => "YYYY-MM-DD",
            Self::Dmy => "DD/MM/YYYY",
            Self::Mdy => "MM/DD/YYYY",
            Self::YmdSlash => "YYYY/MM/DD",
        }
    }
}

/// Which character separates the decimals; the other kind of separator is taken as a
/// thousands separator and dropped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DecimalSeparator {
    /// `1,234.50`
    Dot,
    /// `1.234,50` (also `1 234,50` and `1'234,50`)
    Comma,
}

/// A problem with one row: its number as a spreadsheet shows it (the header is row 1), the
/// header of the column at fault (none for the row as a whole), and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowError {
    pub row: u64,
    pub column: Option<String>,
    pub message: String,
}

impl RowError {
    fn new(row: u64, column: Option<String>, message: impl Into<String>) -> Self {
        Self {
            row,
            column,
            message: message.into(),
        }
    }
}

/// What an import did: rows written, rows skipped as imported before, and rows refused.
#[derive(Debug, Default)]
pub struct ImportOutcome {
    pub imported: u64,
    pub duplicates: u64,
    pub errors: Vec<RowError>,
}

/// Import the CSV into one of the viewer's accounts (`NOT_FOUND` if it is not theirs).
#[tracing::instrument(skip_all)]
pub async fn import(
    store: &Store,
    viewer: &Viewer,
    request: ImportRequest,
) -> AppResult<ImportOutcome> {
    let rows = read::rows(&request)?;
    let categories = categories::list(store, viewer).await?;
    let names = category_names::CategoryNames::new(&categories);
    let rules = rules::for_writes(store, viewer).await?;
    let txn = store.begin().await?;
    let account = accounts::lock(&txn, viewer, request.account_id).await?;
    if account.archived {
        return Err(AppError::bad_input(
            "input.accountId",
            "This account is archived",
        ));
    }
    let plan = prepare::plan(&txn, viewer, &account, &names, rows).await?;
    let plan = with_rules::apply(rules, account.currency, plan).await?;
    if !plan.rows.is_empty() {
        // Recorded before the checks below, so a refused import provably rolls it back.
        let event = Event::by(viewer, Action::Imported).entity("account", account.id);
        audit::record(&txn, event).await?;
    }
    let mut outcome = ImportOutcome {
        imported: 0,
        duplicates: plan.duplicates,
        errors: plan.errors,
    };
    if request.all_or_nothing && !outcome.errors.is_empty() {
        txn.rollback().await?;
        return Ok(outcome);
    }
    let total: i128 = plan.rows.iter().map(|r| i128::from(r.amount_minor)).sum();
    let delta = i64::try_from(total)
        .ok()
        .filter(|delta| accounts::stays_in_range(&account, *delta));
    let Some(delta) = delta else {
        let message = format!(
            "This import would take the balance of {} beyond the supported range",
            account.name
        );
        return Err(AppError::bad_input("input.csv", message));
    };
    outcome.imported = u64::try_from(plan.rows.len()).unwrap_or(u64::MAX);
    let tagged: Vec<(Uuid, Vec<String>)> = plan
        .rows
        .iter()
        .filter(|r| !r.tags.is_empty())
        .map(|r| (r.id, r.tags.clone()))
        .collect();
    let written: Vec<Uuid> = plan.rows.iter().take(MAX_IDS).map(|r| r.id).collect();
    let models: Vec<transaction::ActiveModel> = plan
        .rows
        .into_iter()
        .map(|r| r.into_active_model(viewer))
        .collect();
    for chunk in models.chunks(INSERT_CHUNK) {
        transaction::Entity::insert_many(chunk.to_vec())
            .exec_without_returning(&txn)
            .await
            .map_err(write_failed)?;
    }
    tags::insert(&txn, viewer, &tagged).await?;
    accounts::add_to_balance(&txn, viewer, account.id, delta).await?;
    let mut change = LedgerChange::new(LedgerKind::ImportFinished, &written, &[account.id]);
    change.imported = Some(u32::try_from(outcome.imported).unwrap_or(u32::MAX));
    change.skipped = Some(u32::try_from(outcome.duplicates).unwrap_or(u32::MAX));
    txn.emit(live::Event::ledger(viewer.user_id(), change));
    txn.commit().await?;
    Ok(outcome)
}

/// Two imports of one file cannot both pass the duplicate check (the account is locked), but
/// should the unique index on `import_key` ever decide, say so plainly; a category deleted
/// meanwhile is refused by its foreign key.
fn write_failed(err: sea_orm::DbErr) -> AppError {
    if IMPORT_KEYS.refused(&err) {
        return AppError::Conflict {
            field: "input.csv",
            message: "This file is being imported already; try again".to_owned(),
        };
    }
    match err.sql_err() {
        Some(sea_orm::SqlErr::ForeignKeyConstraintViolation(_)) => {
            AppError::not_found("account or category")
        }
        _ => err.into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(csv: &str) -> ImportRequest {
        ImportRequest {
            account_id: Uuid::nil(),
            csv: csv.to_owned(),
            mapping: CsvMapping {
                date: "Date".to_owned(),
                description: "Payee".to_owned(),
                amount: Some("Amount".to_owned()),
                notes: Some("Memo".to_owned()),
                ..CsvMapping::default()
            },
            date_format: DateFormat::Iso,
            decimal_separator: DecimalSeparator::Dot,
            delimiter: ",".to_owned(),
            all_or_nothing: true,
        }
    }

    fn row_numbers(csv: &str) -> Vec<u64> {
        let rows = read::rows(&request(csv)).map_err(|err| err.message());
        rows.unwrap_or_default().iter().map(|r| r.row).collect()
    }

    #[test]
    fn rows_are_numbered_as_a_spreadsheet_shows_them() {
        let plain = "Date,Payee,Amount,Memo\n2026-01-01,A,1,\n2026-01-02,B,2,\n";
        assert_eq!(row_numbers(plain), [2, 3]);
        let crlf = "Date,Payee,Amount,Memo\r\n2026-01-01,A,1,\r\n2026-01-02,B,2,\r\n";
        assert_eq!(row_numbers(crlf), [2, 3]);
        let multiline = "Date,Payee,Amount,Memo\n2026-01-01,A,1,\"x\ny\nz\"\n2026-01-02,B,2,\n";
        assert_eq!(row_numbers(multiline), [2, 3]);
        let blank = "Date,Payee,Amount,Memo\r\n2026-01-01,A,1,\r\n\r\n2026-01-02,B,2,\r\n";
        assert_eq!(row_numbers(blank), [2, 4]);
    }

    #[test]
    fn a_row_with_too_few_or_too_many_cells_is_a_row_error() {
        let csv = "Date,Payee,Amount,Memo\n2026-01-01,A,1\n2026-01-02,B,2,,extra\n";
        let rows = read::rows(&request(csv)).map_err(|err| err.message());
        let rows = rows.unwrap_or_default();
        assert_eq!(rows.len(), 2);
        assert!(
            rows.iter()
                .all(|r| r.errors.len() == 1 && r.errors[0].column.is_none())
        );
    }

    #[test]
    fn a_byte_order_mark_before_the_header_is_ignored() {
        let csv = "\u{feff}Date,Payee,Amount,Memo\n2026-01-01,A,1,\n";
        assert_eq!(row_numbers(csv), [2]);
    }
}
