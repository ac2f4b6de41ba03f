//! Reading one CSV cell: dates in the common formats, amounts with either decimal separator,
//! and undoing the formula-injection guard our own export adds, so an export imports back
//! as the same rows. Pure functions; each error is a message for a row error.

use std::str::FromStr;

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::{DateFormat, DecimalSeparator};

/// Longest amount cell, in characters, before any cleaning.
const MAX_AMOUNT_CHARS: usize = 40;

/// The characters that make a spreadsheet read a cell as a formula (OWASP CSV injection).
pub(in crate::service) const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// A date in `format`; days and months may have one digit, the year must have four.
pub(super) fn date(cell: &str, format: DateFormat) -> Result<NaiveDate, String> {
    let cell = cell.trim();
    if cell.is_empty() {
        return Err("the date is empty".to_owned());
    }
    let patterns: &[&str] = match format {
        DateFormat::Iso => &["%Y-%m-%d"],
        DateFormat::Dmy => &["%d/%m/%Y", "%d.%m.%Y", "%d-%m-%Y"],
        DateFormat::Mdy => &["%m/%d/%Y", "%m.%d.%Y", "%m-%d-%Y"],
        DateFormat::YmdSlash => &["%Y/%m/%d"],
    };
    let parsed = patterns
        .iter()
        .find_map(|pattern| NaiveDate::parse_from_str(cell, pattern).ok())
        .filter(|date| crate::service::calendar::is_supported(*date));
    parsed.ok_or_else(|| {
        format!(
            "{} is not a date in the format {}",
            quoted(cell),
            format.example()
        )
    })
}

/// An amount such as `-1,234.50` (DOT) or `-1.234,50` (COMMA): an optional sign (`+` or
/// `-`), or parentheses for a negative amount; thousands separators are dropped.
pub(super) fn amount(cell: &str, separator: DecimalSeparator) -> Result<Decimal, String> {
    let trimmed = cell.trim();
    let invalid = || format!("{} is not an amount", quoted(trimmed));
    if trimmed.is_empty() {
        return Err("the amount is empty".to_owned());
    }
    if trimmed.chars().count() > MAX_AMOUNT_CHARS {
        return Err(invalid());
    }
    let (negative, body) = match trimmed.strip_prefix('(').and_then(|s| s.strip_suffix(')')) {
        Some(inner) => (true, inner.trim()),
        None => (false, trimmed),
    };
    let (minus, body) = match body.as_bytes().first() {
        Some(b'-') => (true, &body[1..]),
        Some(b'+') => (false, &body[1..]),
        _ => (false, body),
    };
    if negative && minus {
        return Err(invalid());
    }
    let plain: String = match separator {
        DecimalSeparator::Dot => body.chars().filter(|c| *c != ',').collect(),
        DecimalSeparator::Comma => body
            .chars()
            .filter(|c| !matches!(c, '.' | ' ' | '\'' | '\u{a0}' | '\u{202f}'))
            .map(|c| if c == ',' { '.' } else { c })
            .collect(),
    };
    let well_formed = plain.chars().all(|c| c.is_ascii_digit() || c == '.')
        && plain.chars().filter(|c| *c == '.').count() <= 1
        && plain.chars().any(|c| c.is_ascii_digit());
    if !well_formed {
        return Err(invalid());
    }
    let value = Decimal::from_str(&plain).map_err(|_| invalid())?;
    Ok(if negative || minus { -value } else { value })
}

/// A text cell as written, less the `'` our export puts before a cell that would otherwise
/// start a spreadsheet formula or that starts with `'` itself.
pub(super) fn text(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(FORMULA_STARTS) || rest.starts_with('\'') => rest,
        _ => cell,
    }
}

/// A cell quoted for an error message, cut short.
pub(super) fn quoted(cell: &str) -> String {
    let short: String = cell.chars().take(40).collect();
    if short.len() < cell.len() {
        format!("{short:?}…")
    } else {
        format!("{short:?}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dec(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn dates_are_read_in_each_format() {
        let expected = NaiveDate::from_ymd_opt(2026, 3, 4).unwrap();
        assert_eq!(date("2026-03-04", DateFormat::Iso), Ok(expected));
        for cell in ["04/03/2026", "4.3.2026", "04-03-2026"] {
            assert_eq!(date(cell, DateFormat::Dmy), Ok(expected), "{cell}");
        }
        assert_eq!(date("03/04/2026", DateFormat::Mdy), Ok(expected));
        assert_eq!(date("2026/03/04", DateFormat::YmdSlash), Ok(expected));
    }

    #[test]
    fn impossible_or_ambiguous_dates_are_refused() {
        for (cell, format) in [
            ("2026-02-30", DateFormat::Iso),
            ("04/03/26", DateFormat::Dmy),
            ("13/13/2026", DateFormat::Mdy),
            ("2026-03-04", DateFormat::Dmy),
            ("", DateFormat::Iso),
            ("yesterday", DateFormat::Iso),
        ] {
            assert!(date(cell, format).is_err(), "{cell} accepted");
        }
    }

    #[test]
    fn amounts_with_a_decimal_dot_drop_comma_thousands() {
        let dot = DecimalSeparator::Dot;
        assert_eq!(amount("-1,234.50", dot), Ok(dec("-1234.50")));
        assert_eq!(amount("+12", dot), Ok(dec("12")));
        assert_eq!(amount("(7.25)", dot), Ok(dec("-7.25")));
        assert_eq!(amount(" .5 ", dot), Ok(dec("0.5")));
    }

    #[test]
    fn amounts_with_a_decimal_comma_drop_dot_space_and_apostrophe_thousands() {
        let comma = DecimalSeparator::Comma;
        assert_eq!(amount("-1.234,50", comma), Ok(dec("-1234.50")));
        assert_eq!(amount("1 234,5", comma), Ok(dec("1234.5")));
        assert_eq!(amount("1'234,50", comma), Ok(dec("1234.50")));
        assert_eq!(amount("12", comma), Ok(dec("12")));
    }

    #[test]
    fn malformed_amounts_are_refused() {
        for cell in ["", "abc", "1.2.3", "--5", "(-5)", "1e5", "12 EUR", "-", "."] {
            assert!(
                amount(cell, DecimalSeparator::Dot).is_err(),
                "{cell} accepted"
            );
        }
        assert!(amount("1,2,3", DecimalSeparator::Comma).is_err());
    }

    #[test]
    fn the_export_guard_quote_is_removed_only_before_a_formula_character() {
        assert_eq!(text("'=SUM(A1)"), "=SUM(A1)");
        assert_eq!(text("''=not a formula"), "'=not a formula");
        assert_eq!(text("''quoted'"), "'quoted'");
        assert_eq!(text("'quoted'"), "'quoted'");
        assert_eq!(text("'-x"), "-x");
        assert_eq!(text("'quoted'"), "'quoted'");
        assert_eq!(text("plain"), "plain");
    }
}
