//! Heavy fields: those whose work grows with everything the viewer has rather than with one
//! page — the exports (`exportMyData`, `exportTransactions`), the CSV import, a transactions
//! connection's `totals` (an aggregate over every matching row), a rule's preview and apply
//! (each scans up to thousands of rows), and the reports over more
//! than a year (`spendingByCategory`, `netWorth`, `cashflow`). A document may hold one; aliases
//! and fragments would otherwise multiply them (thirty aliased exports in one request each
//! read everything and answered hundreds of megabytes). A year or less is not heavy, so a
//! dashboard page can show its year's reports side by side.
//!
//! A report's range comes from its arguments, literal or variable (with the operation's
//! default when the request leaves a variable out). A range that cannot be read is not
//! counted: validation refuses it before anything runs.

use std::collections::HashMap;

use async_graphql::parser::types::{ExecutableDocument, Field};
use async_graphql::{Name, ScalarType, Value as ConstValue, Variables};

use crate::graphql::scalars::{Date, Month};

/// Fields that are heavy whatever their arguments.
const ALWAYS_HEAVY: &[&str] = &[
    "exportMyData",
    "exportTransactions",
    "importTransactions",
    "totals",
    "previewRule",
    "applyRule",
    "upcomingOccurrences",
];

/// A report over more days than this (`from` to `to`, both included) is heavy.
pub const LONG_RANGE_DAYS: i64 = 366;
/// A report over more months than this is heavy.
pub const LONG_RANGE_MONTHS: i64 = 12;

/// The values a document's arguments can take: the request's variables, else the defaults
/// its operations declare.
pub struct Arguments<'d> {
    variables: &'d Variables,
    defaults: HashMap<&'d Name, &'d ConstValue>,
}

impl<'d> Arguments<'d> {
    pub fn new(document: &'d ExecutableDocument, variables: &'d Variables) -> Self {
        let defaults = document
            .operations
            .iter()
            .flat_map(|(_, op)| op.node.variable_definitions.iter())
            .filter_map(|definition| {
                let default = definition.node.default_value.as_ref()?;
                Some((&definition.node.name.node, &default.node))
            })
            .collect();
        Self {
            variables,
            defaults,
        }
    }

    /// The value of `field`'s argument `name`, if it has one this request can know.
    fn value(&self, field: &Field, name: &str) -> Option<ConstValue> {
        let value = field.get_argument(name)?.node.clone();
        let known = |variable| {
            let known = self.variables.get(&variable);
            known
                .or_else(|| self.defaults.get(&variable).copied())
                .cloned()
                .ok_or(())
        };
        value.into_const_with(known).ok()
    }

    /// Is `field` a heavy one?
    pub fn is_heavy(&self, field: &Field) -> bool {
        let name = field.name.node.as_str();
        if ALWAYS_HEAVY.contains(&name) {
            return true;
        }
        let range = |from: &str, to: &str| Some((self.value(field, from)?, self.value(field, to)?));
        match name {
            "spendingByCategory" => range("from", "to")
                .and_then(|(from, to)| Some((Date::parse(from).ok()?, Date::parse(to).ok()?)))
                .is_some_and(|(from, to)| (to.0 - from.0).num_days() + 1 > LONG_RANGE_DAYS),
            "netWorth" | "cashflow" => range("from", "to")
                .and_then(|(from, to)| Some((Month::parse(from).ok()?, Month::parse(to).ok()?)))
                .is_some_and(|(from, to)| from.0.months_until(to.0) + 1 > LONG_RANGE_MONTHS),
            _ => false,
        }
    }
}

/// The heavy fields, for messages.
pub const DESCRIPTION: &str = "exportMyData, exportTransactions, importTransactions, the \
    totals of a transactions connection, or a spendingByCategory, netWorth or cashflow report \
    over more than a year";
