//! `importTransactions`: a bank's CSV export into one of the viewer's accounts, with the
//! column mapping and formats the file needs; per-row problems come back in the result.

use async_graphql::{Context, Enum, InputObject, Object, SimpleObject};

use super::context::{services, viewer};
use super::loaders;
use super::scalars::Uuid;
use crate::service::imports::{self, ImportOutcome, ImportRequest, RowError};

/// Which header names hold which field; matched ignoring case and surrounding spaces. Map
/// either `amount` (signed: negative is money out) or both `debit` (money out) and `credit`.
#[derive(InputObject)]
pub struct CsvMapping {
    pub date: String,
    /// 1–500 characters.
    pub description: String,
    pub amount: Option<String>,
    pub debit: Option<String>,
    pub credit: Option<String>,
    /// A category's name, a sub-category's, or `Parent / Child` when a name is ambiguous.
    pub category: Option<String>,
    /// Up to 5000 characters.
    pub notes: Option<String>,
    /// Comma-separated tags.
    pub tags: Option<String>,
}

/// How dates are written in the file.
#[derive(Enum, Clone, Copy, PartialEq, Eq, Default)]
pub enum DateFormat {
    /// `YYYY-MM-DD`
    #[default]
    Iso,
    /// `DD/MM/YYYY`, also with `.` or `-` between the parts.
    Dmy,
    /// `MM/DD/YYYY`, also with `.` or `-` between the parts.
    Mdy,
    /// `YYYY/MM/DD`
    YmdSlash,
}

/// Which character separates the decimals; the other one is read as a thousands separator.
#[derive(Enum, Clone, Copy, PartialEq, Eq, Default)]
pub enum DecimalSeparator {
    /// `1,234.50`
    #[default]
    Dot,
    /// `1.234,50` (also `1 234,50` and `1'234,50`)
    Comma,
}

/// A CSV file to import. The first row is the header.
#[derive(InputObject)]
pub struct ImportTransactionsInput {
    pub account_id: Uuid,
    /// The file's text: at most 2 MiB and 10,000 data rows (and the whole request must
    /// fit the server's request-body limit).
    pub csv: String,
    pub mapping: CsvMapping,
    #[graphql(default)]
    pub date_format: DateFormat,
    #[graphql(default)]
    pub decimal_separator: DecimalSeparator,
    /// One character: `,` `;` `|` or a tab.
    #[graphql(default_with = "\",\".to_owned()")]
    pub delimiter: String,
    /// Write nothing if any row has an error; when false, the good rows are written.
    #[graphql(default = true)]
    pub all_or_nothing: bool,
}

/// A row that could not be imported.
#[derive(SimpleObject)]
pub struct ImportRowError {
    /// The row as a spreadsheet numbers it: the header is row 1, the first data row 2.
    pub row: i32,
    /// The header of the column at fault; null when the row as a whole is.
    pub column: Option<String>,
    pub message: String,
}

/// Most row errors an import lists; a file of 10,000 bad rows still answers in a few
/// kilobytes, with the count of all of them.
pub const MAX_LISTED_ERRORS: usize = 200;

/// What an import did.
#[derive(SimpleObject)]
pub struct ImportResult {
    /// Transactions written.
    pub imported: i32,
    /// Rows skipped because the same row was imported into this account before.
    pub duplicates: i32,
    /// Problems found, in row order: the first 200 (`errorCount` has them all). With
    /// `allOrNothing`, any error means nothing was imported.
    pub errors: Vec<ImportRowError>,
    /// How many problems were found in all.
    pub error_count: i32,
}

impl From<ImportOutcome> for ImportResult {
    fn from(outcome: ImportOutcome) -> Self {
        let count = |n: u64| i32::try_from(n).unwrap_or(i32::MAX);
        Self {
            imported: count(outcome.imported),
            duplicates: count(outcome.duplicates),
            error_count: i32::try_from(outcome.errors.len()).unwrap_or(i32::MAX),
            errors: outcome
                .errors
                .into_iter()
                .take(MAX_LISTED_ERRORS)
                .map(row_error)
                .collect(),
        }
    }
}

fn row_error(error: RowError) -> ImportRowError {
    ImportRowError {
        row: i32::try_from(error.row).unwrap_or(i32::MAX),
        column: error.column,
        message: error.message,
    }
}

impl From<ImportTransactionsInput> for ImportRequest {
    fn from(input: ImportTransactionsInput) -> Self {
        let m = input.mapping;
        Self {
            account_id: input.account_id.0,
            csv: input.csv,
            mapping: imports::CsvMapping {
                date: m.date,
                description: m.description,
                amount: m.amount,
                debit: m.debit,
                credit: m.credit,
                category: m.category,
                notes: m.notes,
                tags: m.tags,
            },
            date_format: match input.date_format {
                DateFormat::Iso => imports::DateFormat::Iso,
                DateFormat::Dmy => imports::DateFormat::Dmy,
                DateFormat::Mdy => imports::DateFormat::Mdy,
                DateFormat::YmdSlash => imports::DateFormat::YmdSlash,
            },
            decimal_separator: match input.decimal_separator {
                DecimalSeparator::Dot => imports::DecimalSeparator::Dot,
                DecimalSeparator::Comma => imports::DecimalSeparator::Comma,
            },
            delimiter: input.delimiter,
            all_or_nothing: input.all_or_nothing,
        }
    }
}

#[derive(Default)]
pub struct ImportMutation;

#[Object]
impl ImportMutation {
    /// Import transactions from CSV text into one of the viewer's accounts. Rows imported
    /// into this account before (same date, amount and description, counted within the
    /// file) are skipped, so importing a file twice adds nothing the second time. A heavy
    /// field: one per request.
    async fn import_transactions(
        &self,
        ctx: &Context<'_>,
        input: ImportTransactionsInput,
    ) -> async_graphql::Result<ImportResult> {
        let viewer = viewer(ctx)?;
        let outcome = loaders::after_write(
            ctx,
            imports::import(&services(ctx).store, viewer, input.into()).await,
        )?;
        Ok(outcome.into())
    }
}
