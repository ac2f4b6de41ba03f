//! One walk over a document with its fragments expanded, in time proportional to the
//! document's text rather than to the expansion: each fragment is measured once and its
//! measure reused wherever it is spread (a fragment spreading the previous one twice, forty
//! levels deep, is forty measurements, not 2^40 visits). Cycles are cut (validation refuses
//! them later) and nesting is bounded, so a long chain of fragments cannot exhaust the stack.
//! What is measured is up to a [`Measure`]: the document's shape for the limits, or the
//! root fields of one kind for the rate limits.

use std::collections::HashMap;

use async_graphql::Name;
use async_graphql::parser::types::{
    ExecutableDocument, Field, FragmentSpread, InlineFragment, Selection, SelectionSet,
};

/// Deepest nesting of selections and fragment spreads the walk follows. Deeper documents
/// are refused: a long chain of fragments is flat text to the parser, but recursing
/// through it would exhaust the stack.
pub const MAX_NESTING: usize = 64;

/// The document nests deeper than [`MAX_NESTING`].
#[derive(Debug, PartialEq, Eq)]
pub struct TooDeep;

/// What a walk adds up. Values combine per selection set with [`Measure::add`]; a field,
/// a spread and an inline fragment each turn the value of what they contain into their own.
pub trait Measure<'d> {
    type Value: Clone + Default;

    /// Whether fields' own selections are walked (`false`: root fields only).
    fn descends(&self) -> bool {
        true
    }
    /// A field, given the value of its selections (the default value when not descending).
    fn field(&self, field: &'d Field, inner: Self::Value) -> Self::Value;
    /// A fragment spread, given the value of the fragment it spreads.
    fn spread(&self, spread: &'d FragmentSpread, fragment: Self::Value) -> Self::Value;
    /// An inline fragment, given the value of its selections.
    fn inline(&self, inline: &'d InlineFragment, inner: Self::Value) -> Self::Value;
    /// Sibling selections together.
    fn add(&self, total: &mut Self::Value, part: Self::Value);
}

/// One walk over `document` with `measure`: fragment values are memoised, so walking many
/// selection sets of the same document shares them.
pub struct Walk<'d, M: Measure<'d>> {
    document: &'d ExecutableDocument,
    measure: M,
    memo: HashMap<&'d Name, M::Value>,
    visiting: Vec<&'d Name>,
}

impl<'d, M: Measure<'d>> Walk<'d, M> {
    pub fn new(document: &'d ExecutableDocument, measure: M) -> Self {
        Self {
            document,
            measure,
            memo: HashMap::new(),
            visiting: Vec::new(),
        }
    }

    /// The value of `set`, fragments expanded.
    pub fn set(&mut self, set: &'d SelectionSet) -> Result<M::Value, TooDeep> {
        self.set_at(set, 0)
    }

    /// The value of the fragment called `name` (the default for an unknown one).
    pub fn fragment(&mut self, name: &'d Name) -> Result<M::Value, TooDeep> {
        self.fragment_at(name, 0)
    }

    fn set_at(&mut self, set: &'d SelectionSet, depth: usize) -> Result<M::Value, TooDeep> {
        if depth > MAX_NESTING {
            return Err(TooDeep);
        }
        let mut total = M::Value::default();
        for selection in &set.items {
            let value = match &selection.node {
                Selection::Field(field) => {
                    let inner = if self.measure.descends() {
                        self.set_at(&field.node.selection_set.node, depth + 1)?
                    } else {
                        M::Value::default()
                    };
                    self.measure.field(&field.node, inner)
                }
                Selection::InlineFragment(inline) => {
                    let inner = self.set_at(&inline.node.selection_set.node, depth + 1)?;
                    self.measure.inline(&inline.node, inner)
                }
                Selection::FragmentSpread(spread) => {
                    let inner = self.fragment_at(&spread.node.fragment_name.node, depth + 1)?;
                    self.measure.spread(&spread.node, inner)
                }
            };
            self.measure.add(&mut total, value);
        }
        Ok(total)
    }

    fn fragment_at(&mut self, name: &'d Name, depth: usize) -> Result<M::Value, TooDeep> {
        if let Some(value) = self.memo.get(name) {
            return Ok(value.clone());
        }
        // An unknown or cyclic fragment is validation's to refuse; it adds nothing here.
        let Some(fragment) = self.document.fragments.get(name) else {
            return Ok(M::Value::default());
        };
        if self.visiting.contains(&name) {
            return Ok(M::Value::default());
        }
        self.visiting.push(name);
        let value = self.set_at(&fragment.node.selection_set.node, depth);
        self.visiting.pop();
        let value = value?;
        self.memo.insert(name, value.clone());
        Ok(value)
    }
}
