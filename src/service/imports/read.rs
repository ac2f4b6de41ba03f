//! Reading the CSV text into rows: the header row and the column mapping, then each data row
//! with its cells checked one by one. A problem with the file as a whole (delimiter,
//! mapping, size) is a `BAD_USER_INPUT` error; a problem with a cell is a [`RowError`] on its
//! row, and reading goes on so that every such problem is reported at once.

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::row_numbers::RowNumbers;
use super::{ImportRequest, MAX_CSV_BYTES, MAX_DATA_ROWS, RowError, cells};
use crate::error::{AppError, AppResult};
use crate::service::text;
use crate::service::transactions::{MAX_DESCRIPTION_CHARS, MAX_NOTES_CHARS, tags};

/// A data row as read: the values whose cells were valid, and the problems of the others.
#[derive(Debug)]
pub(super) struct ReadRow {
    /// The row as a spreadsheet numbers it (the header is row 1).
    pub row: u64,
    pub date: Option<NaiveDate>,
    pub amount: Option<Decimal>,
    /// The header of the column the amount came from, for an error about it later.
    pub amount_column: String,
    pub description: Option<String>,
    /// The category cell, if not blank; resolved against the viewer's categories later.
    pub category: Option<String>,
    /// The header of the category column, if mapped.
    pub category_column: Option<String>,
    pub notes: Option<String>,
    pub tags: Vec<String>,
    pub errors: Vec<RowError>,
}

/// Where the mapped columns are, and the header names for error reports.
struct Columns {
    headers: Vec<String>,
    date: usize,
    description: usize,
    amount: Amount,
    category: Option<usize>,
    notes: Option<usize>,
    tags: Option<usize>,
}

enum Amount {
    Signed(usize),
    DebitCredit { debit: usize, credit: usize },
}

/// Read every data row of the request's CSV.
pub(super) fn rows(request: &ImportRequest) -> AppResult<Vec<ReadRow>> {
    if request.csv.len() > MAX_CSV_BYTES {
        return Err(AppError::bad_input(
            "input.csv",
            format!("the CSV must be at most {} MiB", MAX_CSV_BYTES >> 20),
        ));
    }
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter(&request.delimiter)?)
        .has_headers(true)
        .flexible(true)
        .from_reader(request.csv.as_bytes());
    let headers = reader.headers().map_err(malformed)?.clone();
    let columns = columns(request, &headers)?;
    let mut row_numbers = RowNumbers::new(&request.csv);
    row_numbers.of(&headers);
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(malformed)?;
        if rows.len() == MAX_DATA_ROWS {
            return Err(AppError::bad_input(
                "input.csv",
                format!("the CSV may have at most {MAX_DATA_ROWS} data rows; split the file"),
            ));
        }
        let row = row_numbers.of(&record);
        rows.push(read_row(request, &columns, &record, row));
    }
    Ok(rows)
}

fn delimiter(text: &str) -> AppResult<u8> {
    match text {
        "," => Ok(b','),
        ";" => Ok(b';'),
        "\t" | "\\t" => Ok(b'\t'),
        "|" => Ok(b'|'),
        _ => Err(AppError::bad_input(
            "input.delimiter",
            "the delimiter must be one of , ; | or a tab",
        )),
    }
}

fn malformed(err: csv::Error) -> AppError {
    let row = err.position().map(csv::Position::line);
    let message = match row {
        Some(line) => format!("the CSV cannot be read at line {line}"),
        None => "the CSV cannot be read".to_owned(),
    };
    AppError::bad_input("input.csv", message)
}

fn columns(request: &ImportRequest, header: &csv::StringRecord) -> AppResult<Columns> {
    let headers: Vec<String> = header
        .iter()
        .map(|name| name.trim_start_matches('\u{feff}').trim().to_owned())
        .collect();
    let find = |field: &str, name: &str| -> AppResult<usize> {
        let wanted = name.trim().to_lowercase();
        headers
            .iter()
            .position(|h| h.to_lowercase() == wanted)
            .ok_or_else(|| {
                let message = format!("the header row has no column {}", cells::quoted(name));
                AppError::bad_input(format!("input.mapping.{field}"), message)
            })
    };
    let optional = |field: &str, name: &Option<String>| -> AppResult<Option<usize>> {
        match name.as_deref().filter(|n| !n.trim().is_empty()) {
            Some(name) => find(field, name).map(Some),
            None => Ok(None),
        }
    };
    let mapping = &request.mapping;
    let amount = match (
        optional("amount", &mapping.amount)?,
        optional("debit", &mapping.debit)?,
        optional("credit", &mapping.credit)?,
    ) {
        (Some(amount), None, None) => Amount::Signed(amount),
        (None, Some(debit), Some(credit)) => Amount::DebitCredit { debit, credit },
        _ => {
            return Err(AppError::bad_input(
                "input.mapping",
                "map either an amount column, or both a debit and a credit column",
            ));
        }
    };
    Ok(Columns {
        date: find("date", &mapping.date)?,
        description: find("description", &mapping.description)?,
        amount,
        category: optional("category", &mapping.category)?,
        notes: optional("notes", &mapping.notes)?,
        tags: optional("tags", &mapping.tags)?,
        headers,
    })
}

fn read_row(
    request: &ImportRequest,
    columns: &Columns,
    record: &csv::StringRecord,
    row: u64,
) -> ReadRow {
    let mut read = ReadRow {
        row,
        date: None,
        amount: None,
        amount_column: String::new(),
        description: None,
        category: None,
        category_column: columns
            .category
            .and_then(|i| columns.headers.get(i).cloned()),
        notes: None,
        tags: Vec::new(),
        errors: Vec::new(),
    };
    if record.len() != columns.headers.len() {
        let message = format!(
            "the row has {} cells but the header has {}",
            record.len(),
            columns.headers.len()
        );
        read.errors.push(RowError::new(row, None, message));
        return read;
    }
    let cell = |index: usize| record.get(index).unwrap_or("");
    let mut errors = Vec::new();
    let mut check = |index: usize, outcome: Result<(), String>| {
        if let Err(message) = outcome {
            let column = columns.headers.get(index).cloned();
            errors.push(RowError::new(row, column, message));
        }
    };
    let date = cells::date(cell(columns.date), request.date_format);
    check(columns.date, date.map(|date| read.date = Some(date)));
    match amount(request, columns, &cell) {
        Ok((index, amount)) => {
            read.amount = Some(amount);
            read.amount_column = columns.headers.get(index).cloned().unwrap_or_default();
        }
        Err((index, message)) => check(index, Err(message)),
    }
    let description = cells::text(cell(columns.description));
    let description = text::required_line("description", description, MAX_DESCRIPTION_CHARS);
    check(
        columns.description,
        description
            .map(|d| read.description = Some(d))
            .map_err(|err| err.message()),
    );
    if let Some(index) = columns.notes {
        let notes = cells::text(cell(index));
        let notes = text::optional_block("notes", Some(notes), MAX_NOTES_CHARS);
        check(
            index,
            notes.map(|n| read.notes = n).map_err(|err| err.message()),
        );
    }
    if let Some(index) = columns.tags {
        let listed: Vec<String> = cells::text(cell(index))
            .split(',')
            .map(str::trim)
            .filter(|tag| !tag.is_empty())
            .map(str::to_owned)
            .collect();
        let tags = tags::normalize("tags", &listed);
        check(
            index,
            tags.map(|t| read.tags = t).map_err(|err| err.message()),
        );
    }
    read.category = columns
        .category
        .map(|index| cells::text(cell(index)).trim().to_owned())
        .filter(|name| !name.is_empty());
    read.errors = errors;
    read
}

/// The signed amount of a row with the column it came from, or the column at fault and why.
fn amount<'a>(
    request: &ImportRequest,
    columns: &Columns,
    cell: &impl Fn(usize) -> &'a str,
) -> Result<(usize, Decimal), (usize, String)> {
    let separator = request.decimal_separator;
    let (debit, credit) = match columns.amount {
        Amount::Signed(index) => {
            let amount = cells::amount(cell(index), separator).map_err(|m| (index, m))?;
            return Ok((index, amount));
        }
        Amount::DebitCredit { debit, credit } => (debit, credit),
    };
    let parse = |index: usize| -> Result<Option<Decimal>, (usize, String)> {
        let text = cell(index);
        if text.trim().is_empty() {
            return Ok(None);
        }
        let value = cells::amount(text, separator).map_err(|message| (index, message))?;
        Ok(Some(value))
    };
    match (parse(debit)?, parse(credit)?) {
        (None, None) => Err((debit, "the row has neither a debit nor a credit".to_owned())),
        (Some(out), None) => Ok((debit, -out.abs())),
        (Some(out), Some(into)) if into.is_zero() => Ok((debit, -out.abs())),
        (None, Some(into)) => Ok((credit, into)),
        (Some(out), Some(into)) if out.is_zero() => Ok((credit, into)),
        (Some(_), Some(_)) => Err((debit, "the row has both a debit and a credit".to_owned())),
    }
}
