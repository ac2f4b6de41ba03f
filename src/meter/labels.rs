//! Label values, each from a bounded set: a client-chosen operation name is admitted only in
//! GraphQL's name form and only among the first [`MAX_OPERATIONS`] distinct names seen.

use std::collections::HashSet;
use std::sync::{Arc, Mutex, OnceLock, PoisonError};

use metrics::SharedString;

/// Most distinct operation names given series of their own; later names are `other`.
pub const MAX_OPERATIONS: usize = 200;
/// Longest admitted operation name.
const MAX_NAME_LEN: usize = 64;

/// The names admitted so far.
fn admitted() -> &'static Mutex<HashSet<Arc<str>>> {
    static NAMES: OnceLock<Mutex<HashSet<Arc<str>>>> = OnceLock::new();
    NAMES.get_or_init(Mutex::default)
}

/// The label of an operation name: the name itself if it has GraphQL's name form
/// (`[_A-Za-z][_0-9A-Za-z]*`), at most 64 characters, and is among the first
/// [`MAX_OPERATIONS`] names seen; `anonymous` without a name; `other` otherwise.
pub fn operation(name: Option<&str>) -> SharedString {
    let Some(name) = name else {
        return SharedString::const_str("anonymous");
    };
    if !is_graphql_name(name) {
        return SharedString::const_str("other");
    }
    let mut names = admitted().lock().unwrap_or_else(PoisonError::into_inner);
    if let Some(known) = names.get(name) {
        return SharedString::from(known.clone());
    }
    if names.len() >= MAX_OPERATIONS {
        return SharedString::const_str("other");
    }
    let name: Arc<str> = Arc::from(name);
    names.insert(name.clone());
    SharedString::from(name)
}

fn is_graphql_name(name: &str) -> bool {
    let mut bytes = name.bytes();
    let first_ok = bytes
        .next()
        .is_some_and(|b| b == b'_' || b.is_ascii_alphabetic());
    first_ok && name.len() <= MAX_NAME_LEN && bytes.all(|b| b == b'_' || b.is_ascii_alphanumeric())
}

/// The routes of the router; the dashboard and anything unmatched are `other`.
const ROUTES: &[&str] = &["/graphql", "/healthz", "/readyz", "/metrics"];

/// A matched route as a label.
pub fn route(route: Option<&str>) -> &'static str {
    route
        .and_then(|route| ROUTES.iter().find(|known| **known == route))
        .copied()
        .unwrap_or("other")
}

/// A status code as a label: the code itself for those Tally answers with, else its class.
pub fn status(status: u16) -> &'static str {
    const KNOWN: &[(u16, &str)] = &[
        (200, "200"),
        (204, "204"),
        (304, "304"),
        (400, "400"),
        (401, "401"),
        (403, "403"),
        (404, "404"),
        (405, "405"),
        (408, "408"),
        (413, "413"),
        (415, "415"),
        (429, "429"),
        (500, "500"),
        (503, "503"),
        (504, "504"),
    ];
    if let Some((_, label)) = KNOWN.iter().find(|(code, _)| *code == status) {
        return label;
    }
    match status / 100 {
        1 => "1xx",
        2 => "2xx",
        3 => "3xx",
        4 => "4xx",
        _ => "5xx",
    }
}

/// A statement's kind: its first keyword, among the usual ones; `other` otherwise.
pub fn statement_kind(sql: &str) -> &'static str {
    const KINDS: &[&str] = &[
        "select",
        "insert",
        "update",
        "delete",
        "with",
        "begin",
        "commit",
        "rollback",
        "savepoint",
        "release",
        "pragma",
        "create",
        "alter",
        "drop",
    ];
    let first = sql
        .trim_start()
        .split(|c: char| !c.is_ascii_alphabetic())
        .next()
        .unwrap_or("");
    KINDS
        .iter()
        .find(|kind| first.eq_ignore_ascii_case(kind))
        .copied()
        .unwrap_or("other")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn operation_names_are_admitted_only_in_name_form_and_up_to_the_cap() {
        assert_eq!(&*operation(None), "anonymous");
        assert_eq!(&*operation(Some("Transactions")), "Transactions");
        assert_eq!(&*operation(Some("has space")), "other");
        assert_eq!(&*operation(Some("1st")), "other");
        assert_eq!(&*operation(Some("")), "other");
        assert_eq!(&*operation(Some(&"a".repeat(65))), "other");
        for n in 0..MAX_OPERATIONS * 2 {
            let _ = operation(Some(&format!("Flood{n}")));
        }
        assert!(admitted().lock().unwrap().len() <= MAX_OPERATIONS);
        assert_eq!(&*operation(Some("AfterTheFlood")), "other");
        // A name admitted before the flood keeps its series.
        assert_eq!(&*operation(Some("Transactions")), "Transactions");
    }

    #[test]
    fn other_labels_come_from_fixed_sets() {
        assert_eq!(route(Some("/graphql")), "/graphql");
        assert_eq!(route(Some("/anything")), "other");
        assert_eq!(route(None), "other");
        assert_eq!(status(429), "429");
        assert_eq!(status(418), "4xx");
        assert_eq!(statement_kind("  SELECT 1"), "select");
        assert_eq!(statement_kind("INSERT INTO x"), "insert");
        assert_eq!(statement_kind("VACUUM"), "other");
    }
}
