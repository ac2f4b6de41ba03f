//! Validation of free text from clients: trimmed, bounded, and free of control characters
//! (PostgreSQL cannot store NUL, and invisible characters have no place in a ledger).

use sea_orm::sea_query::LikeExpr;

use crate::error::{AppError, AppResult};

/// `date` as `YYYY-MM-DD`, written directly (chrono's `format` parses its pattern on every
/// call, which shows on a page of fifty dates).
pub fn iso_date(date: chrono::NaiveDate) -> String {
    use chrono::Datelike;
    format!("{:04}-{:02}-{:02}", date.year(), date.month(), date.day())
}

/// A required single-line text of 1..=`max` characters, trimmed.
pub fn required_line(field: &str, value: &str, max: usize) -> AppResult<String> {
    let value = value.trim();
    if value.is_empty() {
        return Err(AppError::bad_input(
            field,
            format!("{} must not be empty", label(field)),
        ));
    }
    checked(field, value, max, false)
}

/// An optional single-line text of at most `max` characters; blank becomes `None`.
pub fn optional_line(field: &str, value: Option<&str>, max: usize) -> AppResult<Option<String>> {
    match value.map(str::trim) {
        None | Some("") => Ok(None),
        Some(value) => checked(field, value, max, false).map(Some),
    }
}

/// An optional multi-line text of at most `max` characters; blank becomes `None`.
pub fn optional_block(field: &str, value: Option<&str>, max: usize) -> AppResult<Option<String>> {
    match value.map(str::trim) {
        None | Some("") => Ok(None),
        Some(value) => checked(field, value, max, true).map(Some),
    }
}

fn checked(field: &str, value: &str, max: usize, multiline: bool) -> AppResult<String> {
    if value.chars().count() > max {
        return Err(AppError::bad_input(
            field,
            format!("{} must be at most {max} characters", label(field)),
        ));
    }
    let allowed = |c: char| multiline && (c == '\n' || c == '\t' || c == '\r');
    if value.chars().any(|c| c.is_control() && !allowed(c)) {
        return Err(AppError::bad_input(
            field,
            format!("{} must not contain control characters", label(field)),
        ));
    }
    Ok(value.to_owned())
}

/// A case-insensitive "contains `search`" pattern for `LIKE` on a lower-cased column, with
/// `%`, `_` and `\` matching themselves; `BAD_USER_INPUT` on `field` for a search longer than
/// `max` characters or holding a control character (PostgreSQL cannot even compare NUL).
pub fn search_pattern(field: &str, search: &str, max: usize) -> AppResult<LikeExpr> {
    if search.chars().count() > max {
        return Err(AppError::bad_input(
            field,
            format!("search must be at most {max} characters"),
        ));
    }
    if search.chars().any(char::is_control) {
        return Err(AppError::bad_input(
            field,
            "search must not contain control characters",
        ));
    }
    let escaped = search
        .to_lowercase()
        .replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_");
    Ok(LikeExpr::new(format!("%{escaped}%")).escape('\\'))
}

/// `input.description` → `description`, for messages.
fn label(field: &str) -> &str {
    field.rsplit('.').next().unwrap_or(field)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_trimmed_bounded_and_free_of_control_characters() {
        assert_eq!(required_line("f", "  Rent  ", 10).unwrap(), "Rent");
        assert!(required_line("f", "   ", 10).is_err());
        assert!(required_line("f", "12345678901", 10).is_err());
        assert!(required_line("f", "a\0b", 10).is_err());
        assert!(required_line("f", "a\nb", 10).is_err());
    }

    #[test]
    fn a_search_is_bounded_free_of_control_characters_and_escaped() {
        assert!(search_pattern("s", "a\0b", 10).is_err());
        assert!(search_pattern("s", &"a".repeat(11), 10).is_err());
        let pattern = search_pattern("s", "50%_\\X", 10).unwrap();
        assert!(
            format!("{pattern:?}").contains(r"%50\\%\\_\\\\x%"),
            "{pattern:?}"
        );
    }

    #[test]
    fn blocks_allow_newlines_and_blank_means_none() {
        assert_eq!(
            optional_block("f", Some("a\nb"), 10).unwrap().as_deref(),
            Some("a\nb")
        );
        assert_eq!(optional_block("f", Some("  "), 10).unwrap(), None);
        assert!(optional_block("f", Some("a\u{0}"), 10).is_err());
    }
}
