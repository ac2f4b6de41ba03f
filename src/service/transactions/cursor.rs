//! Orders and keyset cursors for listing transactions.
//!
//! A cursor names a position in an order — the sort key of a row and its id — so the next
//! page starts right after it with an index seek, however deep the page, and rows added or
//! removed meanwhile never make a page skip or repeat a row. It is opaque to clients
//! (base64url) and is checked on the way back in: a cursor from another order is refused.

use chrono::NaiveDate;
use uuid::Uuid;

use crate::error::{AppError, AppResult};
use crate::money::{Currency, MAX_ABS_MINOR};
use crate::service::{calendar, cursor, text};

/// What to sort transactions by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum OrderField {
    #[default]
    Date,
    Amount,
}

/// Sort direction.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Direction {
    Asc,
    #[default]
    Desc,
}

/// An order: a field and a direction; ties are broken by id in the same direction.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Order {
    pub field: OrderField,
    pub direction: Direction,
}

/// The sort key of a row under some order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    Date(NaiveDate),
    /// Amounts sort within their currency.
    Amount {
        currency: Currency,
        minor: i64,
    },
}

/// A position in an order: the key and id of the last row seen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cursor {
    pub key: Key,
    pub id: Uuid,
}

impl Cursor {
    /// The opaque string a client gets.
    pub fn encode(&self) -> String {
        let plain = match self.key {
            Key::Date(date) => format!("v1|d|{}|{}", text::iso_date(date), self.id),
            Key::Amount { currency, minor } => format!("v1|a|{currency}:{minor}|{}", self.id),
        };
        cursor::wrap(&plain)
    }

    /// Read a client's cursor for a listing in `field` order.
    pub fn decode(encoded: &str, field: OrderField) -> AppResult<Self> {
        let invalid = cursor::invalid;
        let plain = cursor::unwrap(encoded)?;
        let parts: Vec<&str> = plain.split('|').collect();
        let [version, kind, key, id] = parts.as_slice() else {
            return Err(invalid());
        };
        if *version != "v1" {
            return Err(invalid());
        }
        let id = Uuid::parse_str(id).map_err(|_| invalid())?;
        // Only positions the server can hand out are accepted: a date it accepts, an amount
        // one transaction can have. A forged one past them is as invalid as garbage.
        let key = match (*kind, field) {
            ("d", OrderField::Date) => {
                let date = NaiveDate::parse_from_str(key, "%Y-%m-%d").map_err(|_| invalid())?;
                if !calendar::is_supported(date) || text::iso_date(date) != *key {
                    return Err(invalid());
                }
                Key::Date(date)
            }
            ("a", OrderField::Amount) => {
                let (currency, minor) = key.split_once(':').ok_or_else(invalid)?;
                let minor: i64 = minor.parse().map_err(|_| invalid())?;
                if minor.unsigned_abs() > MAX_ABS_MINOR.unsigned_abs() {
                    return Err(invalid());
                }
                Key::Amount {
                    currency: Currency::parse(currency).map_err(|_| invalid())?,
                    minor,
                }
            }
            ("d" | "a", _) => {
                return Err(AppError::bad_input(
                    "after",
                    "The cursor belongs to a different orderBy; request the first page again",
                ));
            }
            _ => return Err(invalid()),
        };
        Ok(Self { key, id })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursors_round_trip() {
        let id = Uuid::now_v7();
        let eur = Currency::parse("EUR").unwrap();
        for key in [
            Key::Date(NaiveDate::from_ymd_opt(2026, 2, 28).unwrap()),
            Key::Amount {
                currency: eur,
                minor: -1250,
            },
        ] {
            let cursor = Cursor { key, id };
            let field = if matches!(key, Key::Date(_)) {
                OrderField::Date
            } else {
                OrderField::Amount
            };
            assert_eq!(Cursor::decode(&cursor.encode(), field).unwrap(), cursor);
        }
    }

    #[test]
    fn garbage_and_foreign_cursors_are_refused() {
        let date_cursor = Cursor {
            key: Key::Date(NaiveDate::from_ymd_opt(2026, 1, 1).unwrap()),
            id: Uuid::nil(),
        };
        assert!(Cursor::decode(&date_cursor.encode(), OrderField::Amount).is_err());
        let id = Uuid::nil();
        let forged = [
            format!("v1|d|10000-01-01|{id}"),
            format!("v1|d|+10000-01-01|{id}"),
            format!("v1|d|0999-12-31|{id}"),
            format!("v1|d|2026-1-1|{id}"),
        ];
        for plain in &forged {
            let encoded = cursor::wrap(plain);
            assert!(
                Cursor::decode(&encoded, OrderField::Date).is_err(),
                "{plain}"
            );
        }
        let far = cursor::wrap(&format!("v1|a|EUR:{}|{id}", i64::MAX));
        assert!(Cursor::decode(&far, OrderField::Amount).is_err());
        for bad in ["", "not base64!", "djF8ZHwyMDI2", &"A".repeat(500)] {
            assert!(
                Cursor::decode(bad, OrderField::Date).is_err(),
                "{bad:?} accepted"
            );
        }
    }
}
