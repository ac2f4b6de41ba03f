use std::str::FromStr;

use chrono::Utc;
use rust_decimal::Decimal;
use uuid::Uuid;

use super::*;
use crate::service::rules::TextCondition;
use crate::service::rules::regex_cache::{MAX_REGEX_CHARS, compile_regex};

fn dec(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap_or_default()
}

fn rule(conditions: &[(TextOp, &str)]) -> Rule {
    Rule {
        id: Uuid::now_v7(),
        position: 0,
        name: "r".to_owned(),
        conditions: conditions
            .iter()
            .map(|(op, value)| TextCondition {
                op: *op,
                value: (*value).to_owned(),
            })
            .collect(),
        amount_min: None,
        amount_max: None,
        account_id: None,
        category_id: None,
        add_tags: Vec::new(),
        rename_to: None,
        created_at: Utc::now(),
        updated_at: Utc::now(),
    }
}

fn subject<'a>(description: &'a str, amount: &str) -> Subject<'a> {
    Subject {
        account_id: Uuid::nil(),
        amount: dec(amount),
        description,
    }
}

fn matches(rule: Rule, description: &str, amount: &str) -> bool {
    Compiled::new(rule).is_ok_and(|c| c.matches(subject(description, amount)))
}

#[test]
fn text_conditions_ignore_case_including_non_ascii() {
    let contains = || rule(&[(TextOp::Contains, "ÉPI")]);
    assert!(matches(contains(), "Grande épicerie", "-1"));
    assert!(!matches(contains(), "Grande epicerie", "-1"));
    // Lower-casing, not case folding: "ß" is not "ss".
    assert!(!matches(
        rule(&[(TextOp::StartsWith, "straße")]),
        "STRASSE 1",
        "-1"
    ));
    assert!(matches(
        rule(&[(TextOp::StartsWith, "STRAßE")]),
        "straße 1",
        "-1"
    ));
    assert!(matches(
        rule(&[(TextOp::Equals, "Ünïcode")]),
        "  üNÏCODE ",
        "-1"
    ));
    assert!(!matches(
        rule(&[(TextOp::Equals, "Ünïcode")]),
        "ünïcode!",
        "-1"
    ));
    assert!(matches(
        rule(&[(TextOp::Regex, r"^amzn\s+mktp")]),
        "AMZN  Mktp DE",
        "-1"
    ));
    assert!(matches(rule(&[(TextOp::Regex, "ÖL")]), "heizöl", "-1"));
}

#[test]
fn every_condition_must_hold() {
    let both = || rule(&[(TextOp::Contains, "coffee"), (TextOp::StartsWith, "star")]);
    assert!(matches(both(), "Starbucks coffee", "-4"));
    assert!(!matches(both(), "Costa coffee", "-4"));
}

#[test]
fn amount_bounds_are_signed_and_inclusive() {
    let ranged = || {
        let mut r = rule(&[]);
        r.amount_min = Some(dec("-100"));
        r.amount_max = Some(dec("-10.5"));
        r
    };
    assert!(matches(ranged(), "x", "-100"));
    assert!(matches(ranged(), "x", "-10.50"));
    assert!(matches(ranged(), "x", "-50"));
    assert!(!matches(ranged(), "x", "-100.01"));
    assert!(!matches(ranged(), "x", "-10.49"));
    assert!(!matches(ranged(), "x", "10.5"));
}

#[test]
fn the_account_condition_compares_ids() {
    let mut r = rule(&[]);
    r.account_id = Some(Uuid::now_v7());
    assert!(!matches(r, "x", "1"));
}

#[test]
fn regular_expressions_are_bounded() {
    let long = "a".repeat(MAX_REGEX_CHARS + 1);
    assert!(compile_regex("f", &long).is_err());
    assert!(compile_regex("f", "(unclosed").is_err());
    // Small text, huge automaton: refused by the size limit rather than built.
    assert!(compile_regex("f", r"\w{1000}\w{1000}").is_err());
    assert!(compile_regex("f", "a{2}b").is_ok());
}

#[test]
fn first_category_and_rename_win_and_tags_accumulate() {
    let (groceries, dining) = (Uuid::now_v7(), Uuid::now_v7());
    let mut first = rule(&[(TextOp::Contains, "market")]);
    first.category_id = Some(groceries);
    first.add_tags = vec!["food".to_owned()];
    let mut second = rule(&[(TextOp::Contains, "market")]);
    second.category_id = Some(dining);
    second.rename_to = Some("Market".to_owned());
    second.add_tags = vec!["food".to_owned(), "weekly".to_owned()];
    let set = RuleSet(vec![
        Compiled::new(first).unwrap_or_else(|_| unreachable!()),
        Compiled::new(second).unwrap_or_else(|_| unreachable!()),
    ]);
    let effects = set.classify(subject("MARKET 12", "-3"), Explicit::default());
    assert_eq!(effects.category_id, Some(groceries));
    assert_eq!(effects.description.as_deref(), Some("Market"));
    assert_eq!(effects.tags, ["food", "weekly"]);
    let explicit = Explicit {
        category: true,
        tags: true,
        description: true,
    };
    assert_eq!(
        set.classify(subject("market", "-3"), explicit),
        Effects::default()
    );
}
