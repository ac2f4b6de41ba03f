//! `Month`: a calendar month (`YYYY-MM`), the unit of budgets and of the monthly reports.
//! Kept as the month's first day, which is also how `budgets.month` stores it.

use std::fmt;

use chrono::{Datelike, Months, NaiveDate};

/// A calendar month of a four-digit year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Month(NaiveDate);

impl Month {
    /// The month `month` (1–12) of `year`; `None` outside the supported years
    /// ([`calendar`](super::calendar)) or 1–12.
    pub fn new(year: i32, month: u32) -> Option<Self> {
        if !super::calendar::is_supported_year(year) {
            return None;
        }
        NaiveDate::from_ymd_opt(year, month, 1).map(Self)
    }

    /// Parse `YYYY-MM` (exactly four digits, a hyphen, two digits).
    pub fn parse(text: &str) -> Option<Self> {
        let bytes = text.as_bytes();
        let well_formed = bytes.len() == 7
            && bytes.iter().enumerate().all(|(i, b)| {
                if i == 4 {
                    *b == b'-'
                } else {
                    b.is_ascii_digit()
                }
            });
        if !well_formed {
            return None;
        }
        let year = text.get(..4)?.parse().ok()?;
        let month = text.get(5..)?.parse().ok()?;
        Self::new(year, month)
    }

    /// The month a date falls in.
    pub fn of(date: NaiveDate) -> Self {
        Self(date.with_day(1).unwrap_or(date))
    }

    /// The first day of the month.
    pub fn first_day(self) -> NaiveDate {
        self.0
    }

    /// The last day of the month.
    pub fn last_day(self) -> NaiveDate {
        self.next()
            .map_or(NaiveDate::MAX, |next| next.0)
            .pred_opt()
            .unwrap_or(self.0)
    }

    /// The year.
    pub fn year(self) -> i32 {
        self.0.year()
    }

    /// The month of the year, 1–12.
    pub fn number(self) -> u32 {
        self.0.month()
    }

    /// The month after this one.
    pub fn next(self) -> Option<Self> {
        self.0.checked_add_months(Months::new(1)).map(Self)
    }

    /// The month before this one.
    pub fn previous(self) -> Option<Self> {
        self.0.checked_sub_months(Months::new(1)).map(Self)
    }

    /// How many months from `self` to `later` (0 for the same month; negative if earlier).
    pub fn months_until(self, later: Self) -> i64 {
        let years = i64::from(later.year()) - i64::from(self.year());
        years * 12 + i64::from(later.number()) - i64::from(self.number())
    }

    /// The twelve months of `year`, January first; empty outside the supported years.
    pub fn all_of(year: i32) -> Vec<Self> {
        (1..=12).filter_map(|m| Self::new(year, m)).collect()
    }
}

impl fmt::Display for Month {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year(), self.number())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_are_four_digit_years_and_two_digit_months() {
        assert_eq!(
            Month::parse("2026-02").map(|m| m.to_string()).as_deref(),
            Some("2026-02")
        );
        for bad in [
            "2026-13", "2026-00", "2026-2", "26-02", "2026/02", "+2026-02", "0999-01", "",
        ] {
            assert!(Month::parse(bad).is_none(), "{bad:?} accepted");
        }
    }

    #[test]
    fn a_month_knows_its_last_day_and_neighbours() {
        let feb = Month::parse("2024-02").unwrap();
        assert_eq!(feb.last_day().to_string(), "2024-02-29");
        assert_eq!(feb.previous().unwrap().to_string(), "2024-01");
        let dec = Month::parse("2025-12").unwrap();
        assert_eq!(dec.next().unwrap().to_string(), "2026-01");
        assert_eq!(dec.last_day().to_string(), "2025-12-31");
        assert_eq!(feb.months_until(dec), 22);
    }
}
