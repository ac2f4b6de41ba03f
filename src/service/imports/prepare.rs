//! Turning read rows into rows to write, inside the import's database transaction: amounts in
//! the account's minor units, categories found by name, and each row's fingerprint
//! (`import_key`), so that rows imported before are skipped rather than written twice.

use std::collections::{HashMap, HashSet};

use chrono::{NaiveDate, Utc};
use sea_orm::{ActiveValue::Set, ColumnTrait, DatabaseTransaction, QueryFilter, QuerySelect};
use sha2::{Digest, Sha256};
use uuid::Uuid;

use super::RowError;
use super::category_names::CategoryNames;
use super::read::ReadRow;
use crate::auth::Viewer;
use crate::error::AppResult;
use crate::service::accounts::Account;
use crate::service::entities::transaction;
use crate::service::owned;

/// Keys per lookup of existing fingerprints.
const KEY_LOOKUP_CHUNK: usize = 500;

/// What the import will do with each row.
pub(super) struct Plan {
    pub rows: Vec<NewRow>,
    pub duplicates: u64,
    pub errors: Vec<RowError>,
}

/// A valid row not imported before.
pub(super) struct NewRow {
    pub id: Uuid,
    pub account: Uuid,
    pub currency: &'static str,
    pub category_id: Option<Uuid>,
    pub date: NaiveDate,
    pub amount_minor: i64,
    pub description: String,
    pub notes: Option<String>,
    pub tags: Vec<String>,
    pub import_key: String,
}

impl NewRow {
    pub(super) fn into_active_model(self, viewer: &Viewer) -> transaction::ActiveModel {
        let now = Utc::now();
        transaction::ActiveModel {
            id: Set(self.id),
            user_id: Set(viewer.user_id()),
            account_id: Set(self.account),
            category_id: Set(self.category_id),
            date: Set(self.date),
            amount_minor: Set(self.amount_minor),
            currency: Set(self.currency.to_owned()),
            description_key: Set(self.description.to_lowercase()),
            description: Set(self.description),
            notes: Set(self.notes),
            transfer_id: Set(None),
            import_key: Set(Some(self.import_key)),
            created_at: Set(now),
            updated_at: Set(now),
        }
    }
}

/// A row with everything known about it before the duplicate check.
struct Checked {
    read: ReadRow,
    amount_minor: Option<i64>,
    category_id: Option<Uuid>,
    key: Option<String>,
}

/// Decide each row's fate: written, skipped as a duplicate (whatever else is wrong with it),
/// or refused with its errors.
pub(super) async fn plan(
    db: &DatabaseTransaction,
    viewer: &Viewer,
    account: &Account,
    names: &CategoryNames,
    rows: Vec<ReadRow>,
) -> AppResult<Plan> {
    let mut occurrences: HashMap<(NaiveDate, i64, String), u64> = HashMap::new();
    let checked: Vec<Checked> = rows
        .into_iter()
        .map(|row| check(account, names, &mut occurrences, row))
        .collect();
    let keys: Vec<String> = checked.iter().filter_map(|c| c.key.clone()).collect();
    let existing = existing_keys(db, viewer, account.id, &keys).await?;
    let mut plan = Plan {
        rows: Vec::new(),
        duplicates: 0,
        errors: Vec::new(),
    };
    for row in checked {
        if row.key.as_ref().is_some_and(|key| existing.contains(key)) {
            plan.duplicates += 1;
            continue;
        }
        let read = row.read;
        match (read.date, row.amount_minor, read.description, row.key) {
            (Some(date), Some(amount_minor), Some(description), Some(import_key))
                if read.errors.is_empty() =>
            {
                plan.rows.push(NewRow {
                    id: Uuid::now_v7(),
                    account: account.id,
                    currency: account.currency.code(),
                    category_id: row.category_id,
                    date,
                    amount_minor,
                    description,
                    notes: read.notes,
                    tags: read.tags,
                    import_key,
                });
            }
            _ if read.errors.is_empty() => {
                plan.errors
                    .push(RowError::new(read.row, None, "the row could not be read"));
            }
            _ => plan.errors.extend(read.errors),
        }
    }
    Ok(plan)
}

/// Amount in minor units, category, and fingerprint of one row; problems join its errors.
fn check(
    account: &Account,
    names: &CategoryNames,
    occurrences: &mut HashMap<(NaiveDate, i64, String), u64>,
    mut read: ReadRow,
) -> Checked {
    let mut amount_minor = None;
    if let Some(amount) = read.amount {
        match account.currency.to_minor(amount) {
            Ok(minor) => amount_minor = Some(minor),
            Err(err) => read.errors.push(RowError::new(
                read.row,
                Some(read.amount_column.clone()),
                err.to_string(),
            )),
        }
    }
    let mut category_id = None;
    if let Some(cell) = &read.category {
        match names.find(cell) {
            Ok(id) => category_id = Some(id),
            Err(message) => {
                let column = read.category_column.clone();
                read.errors.push(RowError::new(read.row, column, message));
            }
        }
    }
    let key = match (read.date, amount_minor, &read.description) {
        (Some(date), Some(minor), Some(description)) => {
            let seen = occurrences
                .entry((date, minor, description.clone()))
                .or_insert(0);
            *seen += 1;
            Some(fingerprint(account.id, date, minor, description, *seen))
        }
        _ => None,
    };
    Checked {
        read,
        amount_minor,
        category_id,
        key,
    }
}

/// Hex SHA-256 of the account, date, amount, description and which occurrence of that
/// combination in the file this row is. Descriptions hold no control characters, so the
/// unit separator between the parts cannot be forged by a cell.
fn fingerprint(
    account: Uuid,
    date: NaiveDate,
    minor: i64,
    description: &str,
    occurrence: u64,
) -> String {
    let text = format!("{account}\u{1f}{date}\u{1f}{minor}\u{1f}{description}\u{1f}{occurrence}");
    format!("{:x}", Sha256::digest(text.as_bytes()))
}

/// Which of `keys` the account already has.
async fn existing_keys(
    db: &DatabaseTransaction,
    viewer: &Viewer,
    account: Uuid,
    keys: &[String],
) -> AppResult<HashSet<String>> {
    let mut existing = HashSet::new();
    for chunk in keys.chunks(KEY_LOOKUP_CHUNK) {
        let found: Vec<Option<String>> = owned::<transaction::Entity>(viewer)
            .select_only()
            .column(transaction::Column::ImportKey)
            .filter(transaction::Column::AccountId.eq(account))
            .filter(transaction::Column::ImportKey.is_in(chunk.iter().cloned()))
            .into_tuple()
            .all(db)
            .await?;
        existing.extend(found.into_iter().flatten());
    }
    Ok(existing)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprints_differ_by_occurrence_and_are_hex_sha256() {
        let account = Uuid::nil();
        let date = NaiveDate::from_ymd_opt(2026, 1, 2).unwrap_or_default();
        let first = fingerprint(account, date, -1250, "Coffee", 1);
        let second = fingerprint(account, date, -1250, "Coffee", 2);
        assert_ne!(first, second);
        assert_eq!(first.len(), 64);
        assert!(first.chars().all(|c| c.is_ascii_hexdigit()));
        assert_eq!(first, fingerprint(account, date, -1250, "Coffee", 1));
    }
}
