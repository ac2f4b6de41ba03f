use super::*;

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn rule(frequency: Frequency, start: NaiveDate) -> Rule {
    Rule {
        frequency,
        every: 1,
        weekdays: 0,
        month_day: None,
        start,
        end: None,
        count: None,
    }
}

fn all(rule: &Rule, from: NaiveDate, to: NaiveDate) -> Vec<NaiveDate> {
    rule.between(from, to, 1000)
}

#[test]
fn monthly_on_the_31st_falls_on_the_last_day_of_shorter_months() {
    let r = rule(Frequency::Monthly, day(2027, 1, 31));
    assert_eq!(
        all(&r, day(2027, 1, 1), day(2027, 5, 31)),
        [
            day(2027, 1, 31),
            day(2027, 2, 28),
            day(2027, 3, 31),
            day(2027, 4, 30),
            day(2027, 5, 31)
        ]
    );
    let last = Rule {
        month_day: Some(MonthDay::Last),
        ..rule(Frequency::Monthly, day(2028, 1, 10))
    };
    assert_eq!(
        all(&last, day(2028, 1, 1), day(2028, 3, 31)),
        [day(2028, 1, 31), day(2028, 2, 29), day(2028, 3, 31)]
    );
}

#[test]
fn a_monthly_day_before_the_start_day_begins_next_month_and_counts_from_there() {
    let r = Rule {
        month_day: Some(MonthDay::Day(5)),
        count: Some(2),
        ..rule(Frequency::Monthly, day(2027, 1, 20))
    };
    assert_eq!(
        all(&r, day(2027, 1, 1), day(2027, 12, 31)),
        [day(2027, 2, 5), day(2027, 3, 5)]
    );
}

#[test]
fn yearly_on_february_29_is_february_28_in_other_years() {
    let r = rule(Frequency::Yearly, day(2024, 2, 29));
    assert_eq!(
        all(&r, day(2024, 1, 1), day(2028, 12, 31)),
        [
            day(2024, 2, 29),
            day(2025, 2, 28),
            day(2026, 2, 28),
            day(2027, 2, 28),
            day(2028, 2, 29)
        ]
    );
}

#[test]
fn every_n_periods() {
    let daily = Rule {
        every: 3,
        ..rule(Frequency::Daily, day(2027, 1, 1))
    };
    assert_eq!(
        all(&daily, day(2027, 1, 2), day(2027, 1, 10)),
        [day(2027, 1, 4), day(2027, 1, 7), day(2027, 1, 10)]
    );
    let monthly = Rule {
        every: 5,
        ..rule(Frequency::Monthly, day(2027, 11, 30))
    };
    assert_eq!(
        all(&monthly, day(2027, 12, 1), day(2028, 12, 31)),
        [day(2028, 4, 30), day(2028, 9, 30)]
    );
    let yearly = Rule {
        every: 2,
        ..rule(Frequency::Yearly, day(2027, 6, 1))
    };
    assert_eq!(
        all(&yearly, day(2028, 1, 1), day(2031, 12, 31)),
        [day(2029, 6, 1), day(2031, 6, 1)]
    );
}

#[test]
fn weekly_on_several_days_every_other_week() {
    // 2027-01-07 is a Thursday; Mondays and Fridays, every second week.
    let r = Rule {
        every: 2,
        weekdays: 0b001_0001,
        ..rule(Frequency::Weekly, day(2027, 1, 7))
    };
    assert_eq!(
        all(&r, day(2027, 1, 1), day(2027, 1, 31)),
        [day(2027, 1, 8), day(2027, 1, 18), day(2027, 1, 22)]
    );
    // Without days, the start's weekday.
    let thursdays = rule(Frequency::Weekly, day(2027, 1, 7));
    assert_eq!(
        all(&thursdays, day(2027, 1, 8), day(2027, 1, 21)),
        [day(2027, 1, 14), day(2027, 1, 21)]
    );
}

#[test]
fn count_and_end_bound_the_dates_also_from_a_later_range() {
    let counted = Rule {
        weekdays: 0b000_0101, // Monday, Wednesday
        count: Some(3),
        ..rule(Frequency::Weekly, day(2027, 1, 6)) // a Wednesday
    };
    assert_eq!(
        all(&counted, day(2027, 1, 1), day(2027, 12, 31)),
        [day(2027, 1, 6), day(2027, 1, 11), day(2027, 1, 13)]
    );
    assert_eq!(
        all(&counted, day(2027, 1, 12), day(2027, 12, 31)),
        [day(2027, 1, 13)]
    );
    let ended = Rule {
        end: Some(day(2027, 1, 3)),
        ..rule(Frequency::Daily, day(2027, 1, 1))
    };
    assert_eq!(all(&ended, day(2026, 1, 1), day(2030, 1, 1)).len(), 3);
    assert!(ended.contains(day(2027, 1, 3)));
    assert!(!ended.contains(day(2027, 1, 4)));
    assert_eq!(ended.next_from(day(2027, 1, 4)), None);
}

#[test]
fn huge_counts_and_old_starts_are_computed_not_walked() {
    let r = Rule {
        count: Some(u32::MAX),
        ..rule(Frequency::Daily, day(1000, 1, 1))
    };
    assert_eq!(
        r.between(day(9999, 12, 30), day(9999, 12, 31), 10),
        [day(9999, 12, 30), day(9999, 12, 31)]
    );
    assert_eq!(r.between(day(1000, 1, 1), day(9999, 12, 31), 5).len(), 5);
    assert_eq!(r.next_from(day(5000, 6, 15)), Some(day(5000, 6, 15)));
    let yearly = Rule {
        every: u32::MAX,
        ..rule(Frequency::Yearly, day(1000, 1, 1))
    };
    assert_eq!(yearly.next_from(day(1000, 1, 2)), None);
    let weekly = Rule {
        every: u32::MAX,
        ..rule(Frequency::Weekly, day(9999, 12, 1))
    };
    assert_eq!(weekly.next_from(day(9999, 12, 2)), None);
}
