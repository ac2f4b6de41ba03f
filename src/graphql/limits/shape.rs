//! The shape of a document, fragments expanded: everything the limits compare with their
//! bounds, measured in one memoised walk ([`super::walk`]).

use async_graphql::Positioned;
use async_graphql::parser::types::{Directive, Field, FragmentSpread, InlineFragment};

use super::PASSWORD_CHECKS;
use super::heavy::Arguments;
use super::walk::Measure;

/// Fields that hash or check a password or a second factor: one request may run only one —
/// the login bucket's fields ([`PASSWORD_CHECKS`]) and `signup`, which hashes a new one.
fn hashes_or_checks(name: &str) -> bool {
    name == "signup" || PASSWORD_CHECKS.contains(&name)
}

/// Fields that read the schema itself. `__typename` is not one: clients need it.
const INTROSPECTION_FIELDS: &[&str] = &["__schema", "__type"];

/// Introspection fields that answer lists. Nesting them multiplies the answer (every type's
/// fields' arguments' types' fields …), so below `__schema`/`__type` their nesting is what
/// is bounded, instead of the depth: the standard introspection queries nest three
/// (`types { fields { args } }`) but chain `ofType` nine deep.
const INTROSPECTION_LISTS: &[&str] = &[
    "types",
    "fields",
    "args",
    "inputFields",
    "interfaces",
    "possibleTypes",
    "enumValues",
    "directives",
];

/// What the limits look at, for one selection set (or a fragment, or a whole operation).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Shape {
    /// Selections (fields, spreads, inline fragments), each fragment counted wherever it is
    /// spread: what validation and execution will visit.
    pub selections: u64,
    pub aliases: u64,
    pub password_checks: u64,
    pub heavy: u64,
    /// `__schema` and `__type` selections.
    pub introspection: u64,
    /// Fragment spreads written in this set itself (not in the fragments it spreads).
    pub spreads: u64,
    /// Most directives on one selection.
    pub directives: u64,
    /// Deepest chain of fields, where a `__schema` or `__type` field counts as one.
    pub depth: u64,
    /// Deepest nesting of introspection lists below a `__schema` or `__type` field.
    pub introspection_lists: u64,
    /// Deepest nesting of fields named like introspection lists (what `introspection_lists`
    /// becomes once a `__schema` or `__type` field encloses it).
    lists: u64,
}

impl Shape {
    pub(super) fn add(&mut self, part: Self) {
        self.selections = self.selections.saturating_add(part.selections);
        self.aliases = self.aliases.saturating_add(part.aliases);
        self.password_checks = self.password_checks.saturating_add(part.password_checks);
        self.heavy = self.heavy.saturating_add(part.heavy);
        self.introspection = self.introspection.saturating_add(part.introspection);
        self.spreads = self.spreads.saturating_add(part.spreads);
        self.directives = self.directives.max(part.directives);
        self.depth = self.depth.max(part.depth);
        self.introspection_lists = self.introspection_lists.max(part.introspection_lists);
        self.lists = self.lists.max(part.lists);
    }

    /// This shape as one more selection with `directives`.
    fn selection(mut self, directives: &[Positioned<Directive>]) -> Self {
        self.selections = self.selections.saturating_add(1);
        self.directives = self.directives.max(directives.len() as u64);
        self
    }
}

/// Measures [`Shape`]s; reads arguments to tell heavy fields.
pub struct Shapes<'d> {
    pub arguments: Arguments<'d>,
}

impl<'d> Measure<'d> for Shapes<'d> {
    type Value = Shape;

    fn field(&self, field: &'d Field, inner: Shape) -> Shape {
        let name = field.name.node.as_str();
        let is = |names: &[&str]| u64::from(names.contains(&name));
        let introspection = INTROSPECTION_FIELDS.contains(&name);
        let shape = Shape {
            aliases: inner
                .aliases
                .saturating_add(u64::from(field.alias.is_some())),
            password_checks: inner
                .password_checks
                .saturating_add(u64::from(hashes_or_checks(name))),
            heavy: inner
                .heavy
                .saturating_add(u64::from(self.arguments.is_heavy(field))),
            introspection: inner.introspection.saturating_add(u64::from(introspection)),
            depth: if introspection { 1 } else { inner.depth + 1 },
            introspection_lists: if introspection {
                inner.lists.max(inner.introspection_lists)
            } else {
                inner.introspection_lists
            },
            lists: if introspection {
                0
            } else {
                inner.lists + is(INTROSPECTION_LISTS)
            },
            ..inner
        };
        shape.selection(&field.directives)
    }

    fn spread(&self, spread: &'d FragmentSpread, fragment: Shape) -> Shape {
        // The fragment's own spreads are its definition's to answer for.
        let shape = Shape {
            spreads: 1,
            ..fragment
        };
        shape.selection(&spread.directives)
    }

    fn inline(&self, inline: &'d InlineFragment, inner: Shape) -> Shape {
        inner.selection(&inline.directives)
    }

    fn add(&self, total: &mut Shape, part: Shape) {
        total.add(part);
    }
}
