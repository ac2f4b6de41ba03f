//! Limits async-graphql does not have: how many aliased fields one document may hold, that
//! it holds at most one password check (`login`, `signup`, `changePassword`, `changeEmail`,
//! `deleteMyAccount`) and at most one aggregate over a whole filter (`totals`), and (when
//! introspection is off) no `__schema` or `__type`. Aliases are
//! how one request repeats an expensive field (a `totalCount`, a password check) many times.
//! All are counted with fragments expanded, so spreading a fragment does not hide anything.
//! The same walk counts an operation's root fields for the rate limits (`rate_limit`).

use std::collections::HashMap;

use async_graphql::parser::types::{
    ExecutableDocument, Field, OperationDefinition, Selection, SelectionSet,
};
use async_graphql::{Name, ServerError};

use super::errors::code;
use super::errors::with_code;

/// Fields that check a password against an account (`service::users::credentials`): the
/// rate limiter charges each to the client's login bucket.
pub const PASSWORD_CHECKS: &[&str] = &["login", "changePassword", "changeEmail", "deleteMyAccount"];

/// Fields that hash or check a password: one request may run only one of them.
const PASSWORD_FIELDS: &[&str] = &[
    "login",
    "signup",
    "changePassword",
    "changeEmail",
    "deleteMyAccount",
];

/// Aggregates over every row a filter matches (`totals` of the transactions connection): one
/// per document, so aliases cannot repeat the scan.
const AGGREGATE_FIELDS: &[&str] = &["totals"];

/// Refuse a document with more than `max_aliases` aliased fields or more than one password
/// check (`GRAPHQL_VALIDATION_FAILED`).
pub fn check(document: &ExecutableDocument, max_aliases: usize) -> Result<(), ServerError> {
    let too_deep = |_| refusal("The query nests selections or fragments too deeply".to_owned());
    let aliases = count_fields(document, |field| field.alias.is_some()).map_err(too_deep)?;
    if aliases > max_aliases {
        let message = format!("The query has {aliases} aliases; at most {max_aliases} are allowed");
        return Err(refusal(message));
    }
    let checks = count_fields(document, |field| {
        PASSWORD_FIELDS.contains(&field.name.node.as_str())
    })
    .map_err(too_deep)?;
    if checks > 1 {
        return Err(refusal(
            "Send one password check (login, signup, changePassword, changeEmail or \
             deleteMyAccount) per request"
                .to_owned(),
        ));
    }
    let aggregates = count_fields(document, |field| {
        AGGREGATE_FIELDS.contains(&field.name.node.as_str())
    })
    .map_err(too_deep)?;
    if aggregates > 1 {
        return Err(refusal("Select `totals` once per request".to_owned()));
    }
    Ok(())
}

/// Fields that read the schema itself. `__typename` is not one: clients need it.
const INTROSPECTION_FIELDS: &[&str] = &["__schema", "__type"];

/// Refuse a document that selects `__schema` or `__type` anywhere (fragments included) with
/// `GRAPHQL_VALIDATION_FAILED`. With introspection disabled async-graphql would answer such a
/// field with a silent `null`; a clear refusal tells the client why.
pub fn refuse_introspection(document: &ExecutableDocument) -> Result<(), ServerError> {
    let selected = count_fields(document, |field| {
        INTROSPECTION_FIELDS.contains(&field.name.node.as_str())
    });
    match selected {
        Ok(0) => Ok(()),
        Ok(_) => Err(refusal(
            "Introspection is disabled on this server".to_owned(),
        )),
        Err(TooDeep) => Err(refusal(
            "The query nests selections or fragments too deeply".to_owned(),
        )),
    }
}

fn refusal(message: String) -> ServerError {
    with_code(
        ServerError::new(message, None),
        code::GRAPHQL_VALIDATION_FAILED,
    )
}

/// Deepest nesting of selections and fragment spreads the walk follows. Deeper documents
/// are refused: a long chain of fragments is flat text to the parser, but recursing
/// through it would exhaust the stack.
pub const MAX_NESTING: usize = 64;

/// The document nests deeper than [`MAX_NESTING`].
#[derive(Debug, PartialEq, Eq)]
pub struct TooDeep;

/// Fields matching `counts` in all operations, each fragment counted wherever it is spread.
pub fn count_fields(
    document: &ExecutableDocument,
    counts: fn(&Field) -> bool,
) -> Result<usize, TooDeep> {
    let mut walk = Walk::new(document, counts, true);
    let mut total = 0usize;
    for (_, op) in document.operations.iter() {
        total = total.saturating_add(walk.set(&op.node.selection_set.node, 0)?);
    }
    Ok(total)
}

/// Root fields of `operation` matching `counts`: its top-level fields, including those
/// reached through fragments (each counted wherever it is spread), but not their
/// sub-selections.
pub fn count_root_fields(
    document: &ExecutableDocument,
    operation: &OperationDefinition,
    counts: fn(&Field) -> bool,
) -> Result<usize, TooDeep> {
    Walk::new(document, counts, false).set(&operation.selection_set.node, 0)
}

/// One count over a document: fragment totals are memoised, cycles cut, depth bounded.
struct Walk<'d> {
    document: &'d ExecutableDocument,
    counts: fn(&Field) -> bool,
    /// Whether fields' own selections are walked (`false`: root fields only).
    descend: bool,
    memo: HashMap<&'d Name, usize>,
    visiting: Vec<&'d Name>,
}

impl<'d> Walk<'d> {
    fn new(document: &'d ExecutableDocument, counts: fn(&Field) -> bool, descend: bool) -> Self {
        Self {
            document,
            counts,
            descend,
            memo: HashMap::new(),
            visiting: Vec::new(),
        }
    }

    fn set(&mut self, set: &'d SelectionSet, depth: usize) -> Result<usize, TooDeep> {
        if depth > MAX_NESTING {
            return Err(TooDeep);
        }
        let mut total = 0usize;
        for selection in &set.items {
            let count = match &selection.node {
                Selection::Field(field) => {
                    let nested = if self.descend {
                        self.set(&field.node.selection_set.node, depth + 1)?
                    } else {
                        0
                    };
                    usize::from((self.counts)(&field.node)).saturating_add(nested)
                }
                Selection::InlineFragment(inline) => {
                    self.set(&inline.node.selection_set.node, depth + 1)?
                }
                Selection::FragmentSpread(spread) => {
                    self.fragment(&spread.node.fragment_name.node, depth + 1)?
                }
            };
            total = total.saturating_add(count);
        }
        Ok(total)
    }

    fn fragment(&mut self, name: &'d Name, depth: usize) -> Result<usize, TooDeep> {
        if let Some(count) = self.memo.get(name) {
            return Ok(*count);
        }
        // An unknown or cyclic fragment is validation's to refuse; it adds nothing here.
        let Some(fragment) = self.document.fragments.get(name) else {
            return Ok(0);
        };
        if self.visiting.contains(&name) {
            return Ok(0);
        }
        self.visiting.push(name);
        let count = self.set(&fragment.node.selection_set.node, depth);
        self.visiting.pop();
        let count = count?;
        self.memo.insert(name, count);
        Ok(count)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn count(query: &str) -> usize {
        count_fields(&async_graphql::parser::parse_query(query).unwrap(), |f| {
            f.alias.is_some()
        })
        .unwrap()
    }

    #[test]
    fn aliases_are_counted_through_nesting_and_fragments() {
        assert_eq!(count("{ me { id } }"), 0);
        assert_eq!(count("{ a: me { id } b: me { x: id } }"), 3);
        assert_eq!(
            count("{ ...F ...F } fragment F on Query { a: me { id } b: me { id } }"),
            4
        );
        assert_eq!(count("{ ... on Query { a: me { id } } }"), 1);
    }

    #[test]
    fn nested_fragment_spreads_multiply_without_blowing_up() {
        let mut query = String::from("{ ...F0 }");
        for i in 0..40 {
            query.push_str(&format!(
                " fragment F{i} on Query {{ ...F{} ...F{} }}",
                i + 1,
                i + 1
            ));
        }
        query.push_str(" fragment F40 on Query { a: me { id } }");
        assert_eq!(count(&query), 1usize << 40);
    }

    #[test]
    fn a_long_chain_of_fragments_is_too_deep_not_a_stack_overflow() {
        let mut query = String::from("{ ...F0 }");
        for i in 0..20_000 {
            query.push_str(&format!(" fragment F{i} on Query {{ ...F{} }}", i + 1));
        }
        query.push_str(" fragment F20000 on Query { __typename }");
        let document = async_graphql::parser::parse_query(&query).unwrap();
        assert_eq!(count_fields(&document, |_| true), Err(TooDeep));
        assert!(check(&document, 30).is_err());
    }

    #[test]
    fn introspection_is_found_through_fragments_but_typename_is_allowed() {
        let refused = |query: &str| {
            refuse_introspection(&async_graphql::parser::parse_query(query).unwrap()).is_err()
        };
        assert!(refused("{ __schema { queryType { name } } }"));
        assert!(refused(r#"{ __type(name: "User") { name } }"#));
        assert!(refused(
            "{ ...F } fragment F on Query { ... on Query { __schema { types { name } } } }"
        ));
        assert!(!refused("{ __typename me { __typename id } }"));
    }

    #[test]
    fn cyclic_fragments_do_not_loop() {
        assert_eq!(
            count(
                "{ ...A } fragment A on Query { x: me { id } ...B } fragment B on Query { ...A }"
            ),
            1
        );
    }
}
