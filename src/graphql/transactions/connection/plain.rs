//! A page's `edges` resolved in one pass when their selection needs no I/O.
//!
//! async-graphql resolves every field of every object as a boxed future in a
//! `FuturesUnordered` of its own: for a page of 50 transactions showing 6 fields that is
//! hundreds of futures, which was the largest part of a page request's CPU. Most pages only
//! show what is already in memory (the row's columns and its category's name), so this
//! walks the selection once and writes the values directly, with the fields' own scalar
//! conversions. Anything it does not know exactly — a field that loads (`account`, `tags`), a
//! category field that was not read with the page, a field directive, a fragment on another
//! type, a response key given twice — gives `None`, and the page resolves the usual way.
//! Both ways give the same answer (tests/api/finance/page_fields.rs compares them).

use async_graphql::indexmap::IndexMap;
use async_graphql::parser::types::{Field, Selection, SelectionSet};
use async_graphql::{ContextSelectionSet, ScalarType, Value};

use super::TransactionEdge;
use crate::graphql::transactions::Transaction;
use crate::service::categories::Category;

/// The value of `edges` for `selection` (the edges field's own selection set), or `None`
/// when a field of it must be resolved the usual way.
pub fn edges(ctx: &ContextSelectionSet<'_>, edges: &[TransactionEdge]) -> Option<Value> {
    let list = edges.iter().map(|e| edge(ctx, &ctx.item.node, e));
    Some(Value::List(list.collect::<Option<_>>()?))
}

fn edge(
    ctx: &ContextSelectionSet<'_>,
    set: &SelectionSet,
    edge: &TransactionEdge,
) -> Option<Value> {
    object(ctx, set, "TransactionEdge", &mut |field| {
        Some(match field.name.node.as_str() {
            "node" => node(ctx, &field.selection_set.node, &edge.node)?,
            "cursor" => Value::String(edge.position.encode()),
            "runningBalance" => optional(edge.running_balance.as_ref()),
            "__typename" => Value::String("TransactionEdge".to_owned()),
            _ => return None,
        })
    })
}

fn node(ctx: &ContextSelectionSet<'_>, set: &SelectionSet, node: &Transaction) -> Option<Value> {
    object(ctx, set, "Transaction", &mut |field| {
        Some(match field.name.node.as_str() {
            "id" => node.id.to_value(),
            "date" => node.date.to_value(),
            "amount" => node.amount.to_value(),
            "currency" => Value::String(node.currency.clone()),
            "description" => Value::String(node.description.clone()),
            "notes" => node.notes.clone().map_or(Value::Null, Value::String),
            "createdAt" => node.created_at.to_value(),
            "updatedAt" => node.updated_at.to_value(),
            "transferId" => optional(node.transfer_id.as_ref()),
            "category" => match node.preloaded_category.as_ref()? {
                None => Value::Null,
                Some(found) => category(ctx, &field.selection_set.node, found)?,
            },
            "__typename" => Value::String("Transaction".to_owned()),
            _ => return None,
        })
    })
}

/// Only what a page reads when the category's name is all it shows.
fn category(
    ctx: &ContextSelectionSet<'_>,
    set: &SelectionSet,
    category: &Category,
) -> Option<Value> {
    object(ctx, set, "Category", &mut |field| {
        Some(match field.name.node.as_str() {
            "name" => Value::String(category.name.clone()),
            "__typename" => Value::String("Category".to_owned()),
            _ => return None,
        })
    })
}

fn optional<T: ScalarType>(value: Option<&T>) -> Value {
    value.map_or(Value::Null, ScalarType::to_value)
}

/// The object `set` selects on a `type_name`, each field's value from `value_of`. A field
/// whose value it does not give, a response key given twice (which async-graphql merges)
/// and an object without fields (async-graphql answers null for one whose fragments all
/// went away) are left to async-graphql.
fn object(
    ctx: &ContextSelectionSet<'_>,
    set: &SelectionSet,
    type_name: &str,
    value_of: &mut dyn FnMut(&Field) -> Option<Value>,
) -> Option<Value> {
    let mut object = IndexMap::with_capacity(set.items.len());
    each_field(ctx, set, type_name, &mut |field| {
        let value = value_of(field)?;
        let key = field.response_key().node.clone();
        object.insert(key, value).is_none().then_some(())
    })?;
    (!object.is_empty()).then_some(Value::Object(object))
}

/// Call `visit` for each field of `set` on an object of `type_name`, in order, following
/// fragments whose type condition is that type (the only kind async-graphql applies to an
/// object that implements no interface). async-graphql applies and strips `@skip`/`@include`
/// before execution; a field that still carries a directive is left to it.
fn each_field(
    ctx: &ContextSelectionSet<'_>,
    set: &SelectionSet,
    type_name: &str,
    visit: &mut dyn FnMut(&Field) -> Option<()>,
) -> Option<()> {
    for selection in &set.items {
        let (condition, set) = match &selection.node {
            Selection::Field(field) => {
                if !field.node.directives.is_empty() {
                    return None;
                }
                visit(&field.node)?;
                continue;
            }
            Selection::FragmentSpread(spread) => {
                let fragment = ctx
                    .query_env
                    .fragments
                    .get(&spread.node.fragment_name.node)?;
                (
                    Some(&fragment.node.type_condition),
                    &fragment.node.selection_set,
                )
            }
            Selection::InlineFragment(fragment) => (
                fragment.node.type_condition.as_ref(),
                &fragment.node.selection_set,
            ),
        };
        if condition.is_some_and(|condition| condition.node.on.node != type_name) {
            return None;
        }
        each_field(ctx, &set.node, type_name, visit)?;
    }
    Some(())
}
