//! Deciding whether a rule matches a transaction, and what a list of rules does to one.
//!
//! Compiled once per use (a create, an import, a preview page), never per row: a regular
//! expression is built with `regex`'s linear-time engine under size limits, so no pattern can
//! make matching slower than proportional to the description's length.
//!
//! Text conditions compare case-insensitively with Unicode lower-casing ("ÉPICERIE" contains
//! "épi"); every condition of a rule must hold. Amount bounds are signed and both inclusive.
//! Conflicts between rules (see [`RuleSet::apply`]): rules run in their order, each tested
//! on the transaction as written (not as an earlier rule renamed it); the first rule that sets
//! the category wins, the first that renames wins, tags accumulate up to the tag limit.
//! (The same rules in `README`-level words: docs/API.md, "Rules".)

use super::{Rule, TextOp, regex_cache};
use crate::error::AppResult;
use crate::service::transactions::classify::{Classify, Effects, Explicit, Subject};
use crate::service::transactions::tags::MAX_TAGS;

enum Text {
    Contains(String),
    StartsWith(String),
    Equals(String),
    Regex(regex::Regex),
}

/// One rule, ready to test transactions.
pub(super) struct Compiled {
    pub rule: Rule,
    texts: Vec<Text>,
}

impl Compiled {
    pub(super) fn new(rule: Rule) -> AppResult<Self> {
        let texts = rule
            .conditions
            .iter()
            .map(|c| {
                let value = c.value.to_lowercase();
                Ok(match c.op {
                    TextOp::Contains => Text::Contains(value),
                    TextOp::StartsWith => Text::StartsWith(value),
                    TextOp::Equals => Text::Equals(value),
                    TextOp::Regex => Text::Regex(regex_cache::compiled("conditions", &c.value)?),
                })
            })
            .collect::<AppResult<_>>()?;
        Ok(Self { rule, texts })
    }

    /// Does every condition hold for `subject`?
    pub fn matches(&self, subject: Subject<'_>) -> bool {
        let rule = &self.rule;
        if rule.account_id.is_some_and(|id| id != subject.account_id)
            || rule.amount_min.is_some_and(|min| subject.amount < min)
            || rule.amount_max.is_some_and(|max| subject.amount > max)
        {
            return false;
        }
        if self.texts.is_empty() {
            return true;
        }
        let text = subject.description.trim().to_lowercase();
        self.texts.iter().all(|t| match t {
            Text::Contains(v) => text.contains(v.as_str()),
            Text::StartsWith(v) => text.starts_with(v.as_str()),
            Text::Equals(v) => text == *v,
            Text::Regex(re) => re.is_match(&text),
        })
    }
}

/// A user's rules in order, compiled.
#[derive(Default)]
pub struct RuleSet(pub(super) Vec<Compiled>);

impl RuleSet {
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl Classify for RuleSet {
    /// Run every rule, in order, on `subject`: the first rule that sets the category wins,
    /// the first that renames wins, tags accumulate (each once, at most [`MAX_TAGS`]); a
    /// field in `explicit` is never touched.
    fn classify(&self, subject: Subject<'_>, explicit: Explicit) -> Effects {
        let mut effects = Effects::default();
        for compiled in self.0.iter().filter(|c| c.matches(subject)) {
            let rule = &compiled.rule;
            if !explicit.category && effects.category_id.is_none() {
                effects.category_id = rule.category_id;
            }
            if !explicit.description && effects.description.is_none() {
                effects.description.clone_from(&rule.rename_to);
            }
            if !explicit.tags {
                for tag in &rule.add_tags {
                    if effects.tags.len() < MAX_TAGS && !effects.tags.contains(tag) {
                        effects.tags.push(tag.clone());
                    }
                }
            }
        }
        effects.tags.sort();
        effects
    }
}

#[cfg(test)]
#[path = "matcher_tests.rs"]
mod tests;
