//! The calendar Tally accepts: the days of the years 1000 to 9999. One range for every date
//! that comes in — a transaction's, a valuation's, a filter's, a report's, a CSV import's, a
//! page cursor's — because a date one of them accepted and another refused would break the
//! other: a year-999 transaction made `years` name a year the yearly reports refuse, and its
//! export would not import back. Four-digit years are also what `YYYY-MM-DD` and `YYYY-MM`
//! can write.

use chrono::{Datelike, NaiveDate};

/// Earliest year of a supported date.
pub const MIN_YEAR: i32 = 1000;
/// Latest year of a supported date.
pub const MAX_YEAR: i32 = 9999;

/// Is `year` one Tally supports?
pub fn is_supported_year(year: i32) -> bool {
    (MIN_YEAR..=MAX_YEAR).contains(&year)
}

/// Is `date` in a year Tally supports?
pub fn is_supported(date: NaiveDate) -> bool {
    is_supported_year(date.year())
}

/// The supported range, for messages.
pub const RANGE: &str = "the years 1000 to 9999";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_range_is_the_four_digit_years() {
        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        assert!(is_supported(day(1000, 1, 1)));
        assert!(is_supported(day(9999, 12, 31)));
        assert!(!is_supported(day(999, 12, 31)));
        assert!(!is_supported(day(10_000, 1, 1)));
        assert!(!is_supported(day(0, 1, 1)));
        assert!(!is_supported(day(-5, 1, 1)));
    }
}
