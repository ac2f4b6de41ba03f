//! The recurrence calculator: which dates a schedule falls on. Pure arithmetic on
//! `NaiveDate`, without RRULE text: a rule is cut into periods (a day, a week, a month or a
//! year, times `every`), each with a known number of dates, so the first period of a range
//! is computed, never searched for, and a listing walks at most `limit` dates plus one
//! period — a start in the year 1000 or a count of a million costs nothing.
//!
//! Month ends: monthly on the 29th–31st, or on the last day, falls on the last day of a
//! shorter month. Yearly from 29 February falls on 28 February in other years.

use chrono::{Datelike, Days, Months, NaiveDate};

use crate::service::calendar::MAX_YEAR;

/// How often the periods come.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Frequency {
    Daily,
    Weekly,
    Monthly,
    Yearly,
}

/// The day of a monthly rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MonthDay {
    /// 1–31; a shorter month uses its last day.
    Day(u32),
    Last,
}

/// A recurrence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rule {
    pub frequency: Frequency,
    /// Every how many periods (≥ 1).
    pub every: u32,
    /// Weekly: bit 0 = Monday … bit 6 = Sunday; empty means the start's weekday.
    pub weekdays: u8,
    /// Monthly: the day; `None` means the start's day.
    pub month_day: Option<MonthDay>,
    pub start: NaiveDate,
    /// The last possible date, inclusive.
    pub end: Option<NaiveDate>,
    /// How many occurrences at most.
    pub count: Option<u32>,
}

impl Rule {
    /// The dates of the rule in `from..=to`, in order, at most `limit` of them.
    pub fn between(&self, from: NaiveDate, to: NaiveDate, limit: usize) -> Vec<NaiveDate> {
        let mut out = Vec::new();
        let to = match self.end {
            Some(end) => to.min(end),
            None => to,
        };
        if limit == 0 || to < from.max(self.start) || self.every == 0 {
            return out;
        }
        let per_period = self.per_period();
        let skipped = self.skipped_in_first();
        let mut period = self.period_of(from.max(self.start));
        // Each period has at least one date, so this ends after `limit` dates plus the dates
        // before `from` in the first period walked (at most 7).
        loop {
            let Some(dates) = self.dates_of(period) else {
                return out;
            };
            for (position, date) in dates.into_iter().enumerate() {
                let index = period * per_period + position as u64;
                if date < self.start {
                    continue;
                }
                if self.count.is_some_and(|c| index - skipped >= u64::from(c)) || date > to {
                    return out;
                }
                if date >= from {
                    out.push(date);
                    if out.len() >= limit {
                        return out;
                    }
                }
            }
            period += 1;
        }
    }

    /// The first date of the rule on or after `date`.
    pub fn next_from(&self, date: NaiveDate) -> Option<NaiveDate> {
        let last = NaiveDate::from_ymd_opt(MAX_YEAR, 12, 31)?;
        self.between(date, last, 1).into_iter().next()
    }

    /// Is `date` one of the rule's dates?
    pub fn contains(&self, date: NaiveDate) -> bool {
        !self.between(date, date, 1).is_empty()
    }

    fn weekdays(&self) -> u8 {
        match self.weekdays & 0x7f {
            0 => 1 << self.start.weekday().num_days_from_monday(),
            days => days,
        }
    }

    fn per_period(&self) -> u64 {
        match self.frequency {
            Frequency::Weekly => u64::from(self.weekdays().count_ones()),
            _ => 1,
        }
    }

    /// Dates of the first period that fall before the start (a weekly rule starting on a
    /// Thursday for Mondays, a monthly rule on the 5th starting on the 20th).
    fn skipped_in_first(&self) -> u64 {
        self.dates_of(0)
            .map(|dates| dates.iter().filter(|d| **d < self.start).count() as u64)
            .unwrap_or(0)
    }

    /// The period holding `date`, or the last one starting before it.
    fn period_of(&self, date: NaiveDate) -> u64 {
        let every = u64::from(self.every);
        let elapsed = match self.frequency {
            Frequency::Daily => {
                let days = (date - self.start).num_days().max(0) as u64;
                return days.div_ceil(every);
            }
            Frequency::Weekly => ((monday(date) - monday(self.start)).num_days().max(0) / 7) as u64,
            Frequency::Monthly => (months(date) - months(self.start)).max(0) as u64,
            Frequency::Yearly => (date.year() - self.start.year()).max(0) as u64,
        };
        elapsed / every
    }

    /// The dates of period `p`, in order; `None` past the supported calendar.
    fn dates_of(&self, p: u64) -> Option<Vec<NaiveDate>> {
        let step = p.checked_mul(u64::from(self.every))?;
        let dates = match self.frequency {
            Frequency::Daily => vec![self.start.checked_add_days(Days::new(step))?],
            Frequency::Weekly => {
                let first = monday(self.start).checked_add_days(Days::new(step.checked_mul(7)?))?;
                (0..7)
                    .filter(|d| self.weekdays() & (1 << d) != 0)
                    .map(|d| first.checked_add_days(Days::new(d)))
                    .collect::<Option<Vec<_>>>()?
            }
            Frequency::Monthly => {
                let month = self
                    .start
                    .with_day(1)?
                    .checked_add_months(Months::new(u32::try_from(step).ok()?))?;
                let day = match self.month_day {
                    Some(MonthDay::Day(day)) => day,
                    Some(MonthDay::Last) => 31,
                    None => self.start.day(),
                };
                vec![clamped(month.year(), month.month(), day)?]
            }
            Frequency::Yearly => {
                let year = self.start.year().checked_add(i32::try_from(step).ok()?)?;
                vec![clamped(year, self.start.month(), self.start.day())?]
            }
        };
        dates.iter().all(|d| d.year() <= MAX_YEAR).then_some(dates)
    }
}

fn monday(date: NaiveDate) -> NaiveDate {
    date - Days::new(u64::from(date.weekday().num_days_from_monday()))
}

fn months(date: NaiveDate) -> i64 {
    i64::from(date.year()) * 12 + i64::from(date.month0())
}

/// `day` of the month, or the month's last day when it is shorter (at most three tries).
fn clamped(year: i32, month: u32, day: u32) -> Option<NaiveDate> {
    (1..=day.min(31))
        .rev()
        .find_map(|d| NaiveDate::from_ymd_opt(year, month, d))
}

#[cfg(test)]
mod tests;
