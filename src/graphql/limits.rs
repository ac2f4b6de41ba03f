//! The limits every document is held to before async-graphql parses (the text) or validates
//! (the parsed document) it — what a request may cost must be known before that cost is
//! paid. async-graphql's validation expands fragments wherever they are spread, so a small
//! document whose fragments each spread the previous one twice, 26 levels deep, would have it
//! visit 2^26 selections; [`check`] measures the same expansion in time proportional to the
//! document's text ([`walk`]) and refuses it first.
//!
//! - the text ([`check_text`], before parsing): tokens, bracket nesting, names' length;
//! - the document ([`check`]): operations and fragments, fragment spreads per definition,
//!   directives per selection, selections and aliases with fragments expanded, the depth of
//!   fields (below `__schema`/`__type`, the nesting of introspection lists instead, so the
//!   standard introspection queries fit), one password check (`login`, `signup`,
//!   `changePassword`, `changeEmail`, `deleteMyAccount`, and the two-factor fields) and one heavy field ([`heavy`]) per document, and
//!   no `__schema`/`__type` when introspection is off.
//!
//! Every refusal is `GRAPHQL_VALIDATION_FAILED`. The same walk counts an operation's root
//! fields for the rate limits ([`count_root_fields`]).

mod heavy;
mod shape;
mod tokens;
mod walk;

#[cfg(test)]
mod tests;

use async_graphql::parser::types::{
    ExecutableDocument, Field, FragmentSpread, InlineFragment, OperationDefinition,
};
use async_graphql::{ServerError, Variables};

use self::shape::{Shape, Shapes};
use self::tokens::TextRefusal;
use self::walk::{Measure, Walk};
use super::errors::{code, with_code};

pub use self::heavy::{LONG_RANGE_DAYS, LONG_RANGE_MONTHS};
pub use self::tokens::{MAX_BRACKET_NESTING, MAX_NAME_BYTES, MAX_TOKEN_BYTES};
pub use self::walk::{MAX_NESTING, TooDeep};

/// Fields that check a password (`service::users::credentials`) or a second factor
/// (`service::two_factor`) against an account, or hash a new password without a check
/// (`setPassword`): the rate limiter charges each to the client's login bucket.
pub const PASSWORD_CHECKS: &[&str] = &[
    "login",
    "changePassword",
    "changeEmail",
    "deleteMyAccount",
    "completeTwoFactorLogin",
    "startTwoFactorEnrolment",
    "confirmTwoFactorEnrolment",
    "regenerateRecoveryCodes",
    "disableTwoFactor",
    "setPassword",
];

/// Most directives on one selection, operation, fragment or variable: only `@skip` and
/// `@include` can be used in a query.
pub const MAX_DIRECTIVES: u64 = 4;

/// Deepest nesting of introspection lists (`types`, `fields`, `args`, …) below `__schema`
/// or `__type`: the standard introspection queries need three.
pub const MAX_INTROSPECTION_LISTS: u64 = 3;

/// The configurable bounds of a document.
#[derive(Debug, Clone, Copy)]
pub struct DocumentLimits {
    /// Tokens in the text (a string is one).
    pub max_tokens: usize,
    /// Operations and fragments defined.
    pub max_definitions: usize,
    /// Fragment spreads written in one operation or fragment.
    pub max_spreads: usize,
    /// Selections with fragments expanded.
    pub max_selections: usize,
    /// Aliased fields with fragments expanded.
    pub max_aliases: usize,
    /// Deepest chain of fields.
    pub max_depth: usize,
    /// Whether `__schema` and `__type` may be selected.
    pub introspection: bool,
}

/// Refuse a document text over the token, nesting or name-length bounds, before parsing.
pub fn check_text(text: &str, limits: &DocumentLimits) -> Result<(), ServerError> {
    tokens::check(text, limits.max_tokens).map_err(|refusal| {
        refused(match refusal {
            TextRefusal::Tokens { limit } => {
                format!("The query has more than {limit} tokens")
            }
            TextRefusal::Nesting { limit } => {
                format!("The query nests brackets more than {limit} deep")
            }
            TextRefusal::LongToken { limit } => {
                format!("The query has a name or number longer than {limit} characters")
            }
            TextRefusal::Names { limit } => {
                format!("The query's names take more than {limit} bytes in all")
            }
        })
    })
}

/// Refuse a parsed document over any of the limits; `variables` are the request's, which
/// say how long a report's range is.
pub fn check(
    document: &ExecutableDocument,
    variables: &Variables,
    limits: &DocumentLimits,
) -> Result<(), ServerError> {
    let definitions = document.operations.iter().count() + document.fragments.len();
    if definitions > limits.max_definitions {
        let max = limits.max_definitions;
        return Err(refused(format!(
            "The query defines {definitions} operations and fragments; at most {max} are allowed"
        )));
    }
    let arguments = heavy::Arguments::new(document, variables);
    let mut walk = Walk::new(document, Shapes { arguments });
    let too_deep = |_| refused("The query nests selections or fragments too deeply".to_owned());
    for (name, fragment) in &document.fragments {
        let shape = walk.fragment(name).map_err(too_deep)?;
        let own_directives = fragment.node.directives.len() as u64;
        check_definition(&format!("Fragment {name}"), &shape, own_directives, limits)?;
    }
    let mut total = Shape::default();
    for (name, operation) in document.operations.iter() {
        let operation = &operation.node;
        let shape = walk.set(&operation.selection_set.node).map_err(too_deep)?;
        let own_directives = std::iter::once(operation.directives.len())
            .chain(
                operation
                    .variable_definitions
                    .iter()
                    .map(|v| v.node.directives.len()),
            )
            .max()
            .unwrap_or(0) as u64;
        let label = name.map_or_else(|| "The operation".to_owned(), |n| format!("Operation {n}"));
        check_definition(&label, &shape, own_directives, limits)?;
        total.add(shape);
    }
    check_total(&total, limits)
}

/// The bounds on what one operation or fragment writes itself.
fn check_definition(
    label: &str,
    shape: &Shape,
    own_directives: u64,
    limits: &DocumentLimits,
) -> Result<(), ServerError> {
    if shape.spreads > limits.max_spreads as u64 {
        let max = limits.max_spreads;
        let spreads = shape.spreads;
        return Err(refused(format!(
            "{label} spreads {spreads} fragments; at most {max} are allowed"
        )));
    }
    if shape.directives.max(own_directives) > MAX_DIRECTIVES {
        return Err(refused(format!(
            "{label} has more than {MAX_DIRECTIVES} directives in one place"
        )));
    }
    Ok(())
}

/// The bounds on the whole document, fragments expanded.
fn check_total(total: &Shape, limits: &DocumentLimits) -> Result<(), ServerError> {
    let over = |value: u64, max: usize| value > max as u64;
    if over(total.selections, limits.max_selections) {
        let max = limits.max_selections;
        return Err(refused(format!(
            "The query selects more than {max} fields and fragments once fragments are \
             expanded (a fragment counts wherever it is spread)"
        )));
    }
    if over(total.aliases, limits.max_aliases) {
        let (aliases, max) = (total.aliases, limits.max_aliases);
        return Err(refused(format!(
            "The query has {aliases} aliases; at most {max} are allowed"
        )));
    }
    if over(total.depth, limits.max_depth) {
        let (depth, max) = (total.depth, limits.max_depth);
        return Err(refused(format!(
            "The query nests fields {depth} deep; at most {max} are allowed"
        )));
    }
    if total.introspection_lists > MAX_INTROSPECTION_LISTS {
        return Err(refused(format!(
            "The query nests introspection lists (types, fields, args, …) more than \
             {MAX_INTROSPECTION_LISTS} deep"
        )));
    }
    if total.password_checks > 1 {
        return Err(refused(
            "Send one password check (login, signup, changePassword, \
             changeEmail, deleteMyAccount, setPassword, completeTwoFactorLogin or a \
             two-factor setting) per request"
                .to_owned(),
        ));
    }
    if total.heavy > 1 {
        return Err(refused(format!(
            "Send one heavy field ({}) per request",
            heavy::DESCRIPTION
        )));
    }
    if total.introspection > 0 && !limits.introspection {
        return Err(refused(
            "Introspection is disabled on this server".to_owned(),
        ));
    }
    Ok(())
}

fn refused(message: String) -> ServerError {
    with_code(
        ServerError::new(message, None),
        code::GRAPHQL_VALIDATION_FAILED,
    )
}

/// Root fields of `operation` matching `counts`: its top-level fields, including those
/// reached through fragments (each counted wherever it is spread), but not their
/// sub-selections.
pub fn count_root_fields(
    document: &ExecutableDocument,
    operation: &OperationDefinition,
    counts: fn(&Field) -> bool,
) -> Result<usize, TooDeep> {
    Walk::new(document, RootFields(counts)).set(&operation.selection_set.node)
}

/// Counts the root fields matching a predicate.
struct RootFields(fn(&Field) -> bool);

impl<'d> Measure<'d> for RootFields {
    type Value = usize;

    fn descends(&self) -> bool {
        false
    }
    fn field(&self, field: &'d Field, _: usize) -> usize {
        usize::from((self.0)(field))
    }
    fn spread(&self, _: &'d FragmentSpread, inner: usize) -> usize {
        inner
    }
    fn inline(&self, _: &'d InlineFragment, inner: usize) -> usize {
        inner
    }
    fn add(&self, total: &mut usize, part: usize) {
        *total = total.saturating_add(part);
    }
}
