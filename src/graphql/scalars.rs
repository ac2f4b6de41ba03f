//! Custom scalars: `Decimal` (money as a string), `Date`, `Month`, `DateTime` and `UUID`.
//! Each validates strictly at the edge, so services receive only well-formed values.

use async_graphql::{InputValueError, InputValueResult, Scalar, ScalarType, Value};
use chrono::{NaiveDate, SecondsFormat, Utc};
use rust_decimal::Decimal;

use crate::service::calendar;

/// An exact decimal amount written as a string, such as `"-12.50"`: an optional minus sign,
/// digits, and an optional fraction. JSON numbers are refused because clients' float
/// parsers lose precision; the number of decimals must suit the currency.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Money(pub Decimal);

/// At most this much of a refused value is quoted back in an error message.
const QUOTE_CHARS: usize = 40;

/// A refused value, quoted and cut short for an error message.
fn quoted(text: &str) -> String {
    let mut short: String = text.chars().take(QUOTE_CHARS).collect();
    if short.len() < text.len() {
        short.push('…');
    }
    format!("{short:?}")
}

/// The longest accepted money string.
const MAX_DECIMAL_CHARS: usize = 40;

/// An exact decimal amount written as a string, e.g. "-12.50" (negative = money out).
/// JSON numbers are refused; at most as many decimals as the currency has.
#[Scalar(
    name = "Decimal",
    specified_by_url = "https://en.wikipedia.org/wiki/ISO_4217"
)]
impl ScalarType for Money {
    /// Checked during validation too, so a bad literal or variable stops the request
    /// before anything runs (GraphQL-over-HTTP's request error).
    fn is_valid(value: &Value) -> bool {
        Self::parse(value.clone()).is_ok()
    }

    fn parse(value: Value) -> InputValueResult<Self> {
        match value {
            Value::String(text) => parse_decimal(&text)
                .map(Money)
                .map_err(InputValueError::custom),
            Value::Number(_) => Err(InputValueError::custom(
                "Decimal must be a string such as \"-12.50\", not a JSON number",
            )),
            other => Err(InputValueError::expected_type(other)),
        }
    }

    fn to_value(&self) -> Value {
        Value::String(self.0.to_string())
    }
}

fn parse_decimal(text: &str) -> Result<Decimal, String> {
    let invalid = || format!("{} is not a decimal such as \"-12.50\"", quoted(text));
    if text.is_empty() || text.len() > MAX_DECIMAL_CHARS {
        return Err(invalid());
    }
    let digits = text.strip_prefix('-').unwrap_or(text);
    let (whole, fraction) = match digits.split_once('.') {
        Some((whole, fraction)) => (whole, Some(fraction)),
        None => (digits, None),
    };
    let all_digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if !all_digits(whole) || !fraction.is_none_or(all_digits) {
        return Err(invalid());
    }
    if whole.len() > 18 || fraction.is_some_and(|f| f.len() > 10) {
        return Err("amount is out of range".to_owned());
    }
    Decimal::from_str_exact(text).map_err(|_| invalid())
}

/// A calendar date, `YYYY-MM-DD`, in the supported years ([`calendar`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Date(pub NaiveDate);

/// A calendar date in ISO 8601 form, `YYYY-MM-DD`, in the years 1000 to 9999.
#[Scalar(
    name = "Date",
    specified_by_url = "https://www.rfc-editor.org/rfc/rfc3339#section-5.6"
)]
impl ScalarType for Date {
    /// Checked during validation too, so a bad literal or variable stops the request
    /// before anything runs (GraphQL-over-HTTP's request error).
    fn is_valid(value: &Value) -> bool {
        Self::parse(value.clone()).is_ok()
    }

    fn parse(value: Value) -> InputValueResult<Self> {
        let Value::String(text) = &value else {
            return Err(InputValueError::expected_type(value));
        };
        let well_formed = text.len() == 10
            && text.bytes().enumerate().all(|(i, b)| {
                if i == 4 || i == 7 {
                    b == b'-'
                } else {
                    b.is_ascii_digit()
                }
            });
        if !well_formed {
            return Err(InputValueError::custom(format!(
                "{} is not a date in YYYY-MM-DD form",
                quoted(text)
            )));
        }
        let date = NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|_| {
            InputValueError::custom(format!("{} is not a valid calendar date", quoted(text)))
        })?;
        if !calendar::is_supported(date) {
            return Err(InputValueError::custom(format!(
                "{} is outside the supported dates ({})",
                quoted(text),
                calendar::RANGE
            )));
        }
        Ok(Date(date))
    }

    fn to_value(&self) -> Value {
        Value::String(crate::service::text::iso_date(self.0))
    }
}

/// A calendar month, `YYYY-MM` (budgets and monthly reports).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Month(pub crate::service::month::Month);

/// A calendar month in ISO 8601 form, `YYYY-MM`, e.g. "2026-01" (years 1000 to 9999).
#[Scalar(
    name = "Month",
    specified_by_url = "https://en.wikipedia.org/wiki/ISO_8601#Calendar_dates"
)]
impl ScalarType for Month {
    /// Checked during validation too, so a bad literal or variable stops the request
    /// before anything runs (GraphQL-over-HTTP's request error).
    fn is_valid(value: &Value) -> bool {
        Self::parse(value.clone()).is_ok()
    }

    fn parse(value: Value) -> InputValueResult<Self> {
        let Value::String(text) = &value else {
            return Err(InputValueError::expected_type(value));
        };
        crate::service::month::Month::parse(text)
            .map(Month)
            .ok_or_else(|| {
                InputValueError::custom(format!("{} is not a month in YYYY-MM form", quoted(text)))
            })
    }

    fn to_value(&self) -> Value {
        Value::String(self.0.to_string())
    }
}

/// An instant in RFC 3339 form, always in UTC (`2026-11-27T09:30:00Z`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DateTime(pub chrono::DateTime<Utc>);

/// An instant in RFC 3339 form, in UTC, e.g. "2026-11-27T09:30:00Z".
#[Scalar(
    name = "DateTime",
    specified_by_url = "https://www.rfc-editor.org/rfc/rfc3339"
)]
impl ScalarType for DateTime {
    /// Checked during validation too, so a bad literal or variable stops the request
    /// before anything runs (GraphQL-over-HTTP's request error).
    fn is_valid(value: &Value) -> bool {
        Self::parse(value.clone()).is_ok()
    }

    fn parse(value: Value) -> InputValueResult<Self> {
        let Value::String(text) = &value else {
            return Err(InputValueError::expected_type(value));
        };
        chrono::DateTime::parse_from_rfc3339(text)
            .map(|instant| DateTime(instant.with_timezone(&Utc)))
            .map_err(|_| {
                InputValueError::custom(format!("{} is not an RFC 3339 instant", quoted(text)))
            })
    }

    fn to_value(&self) -> Value {
        Value::String(self.0.to_rfc3339_opts(SecondsFormat::AutoSi, true))
    }
}

/// A UUID in its canonical hyphenated form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Uuid(pub uuid::Uuid);

/// A UUID, e.g. "0193a1c2-7d5e-7c3a-9b1f-2a4c6e8d0f12".
#[Scalar(
    name = "UUID",
    specified_by_url = "https://www.rfc-editor.org/rfc/rfc9562"
)]
impl ScalarType for Uuid {
    /// Checked during validation too, so a bad literal or variable stops the request
    /// before anything runs (GraphQL-over-HTTP's request error).
    fn is_valid(value: &Value) -> bool {
        Self::parse(value.clone()).is_ok()
    }

    fn parse(value: Value) -> InputValueResult<Self> {
        let Value::String(text) = &value else {
            return Err(InputValueError::expected_type(value));
        };
        if text.len() != 36 {
            return Err(InputValueError::custom(format!(
                "{} is not a UUID",
                quoted(text)
            )));
        }
        uuid::Uuid::parse_str(text)
            .map(Uuid)
            .map_err(|_| InputValueError::custom(format!("{} is not a UUID", quoted(text))))
    }

    fn to_value(&self) -> Value {
        // Encoded straight into a buffer: `to_string` goes through the formatting machinery,
        // and a page prints fifty ids.
        let mut buffer = uuid::Uuid::encode_buffer();
        Value::String(self.0.hyphenated().encode_lower(&mut buffer).to_owned())
    }
}

#[cfg(test)]
mod tests;
