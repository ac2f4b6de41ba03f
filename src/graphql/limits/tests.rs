use std::time::{Duration, Instant};

use super::*;

const LIMITS: DocumentLimits = DocumentLimits {
    max_tokens: 5000,
    max_definitions: 100,
    max_spreads: 50,
    max_selections: 2000,
    max_aliases: 30,
    max_depth: 12,
    introspection: true,
};

fn parse(query: &str) -> ExecutableDocument {
    async_graphql::parser::parse_query(query).unwrap()
}

fn refusal(query: &str, variables: serde_json::Value, limits: &DocumentLimits) -> Option<String> {
    let variables = Variables::from_json(variables);
    check(&parse(query), &variables, limits)
        .err()
        .map(|err| err.message)
}

fn refused(query: &str) -> Option<String> {
    refusal(query, serde_json::json!({}), &LIMITS)
}

fn aliases(query: &str) -> u64 {
    let document = parse(query);
    let variables = Variables::default();
    let shapes = Shapes {
        arguments: heavy::Arguments::new(&document, &variables),
    };
    let mut walk = Walk::new(&document, shapes);
    let (_, op) = document.operations.iter().next().unwrap();
    walk.set(&op.node.selection_set.node).unwrap().aliases
}

/// Fragments that each spread the next one twice, `levels` deep.
fn bomb(levels: usize) -> String {
    let mut query = String::from("{ ...F0 }");
    for i in 0..levels {
        query.push_str(&format!(
            " fragment F{i} on Query {{ ...F{} ...F{} }}",
            i + 1,
            i + 1
        ));
    }
    query.push_str(&format!(
        " fragment F{levels} on Query {{ a: me {{ id }} }}"
    ));
    query
}

#[test]
fn aliases_are_counted_through_nesting_and_fragments() {
    assert_eq!(aliases("{ me { id } }"), 0);
    assert_eq!(aliases("{ a: me { id } b: me { x: id } }"), 3);
    assert_eq!(
        aliases("{ ...F ...F } fragment F on Query { a: me { id } b: me { id } }"),
        4
    );
    assert_eq!(aliases("{ ... on Query { a: me { id } } }"), 1);
    assert_eq!(
        aliases("{ ...A } fragment A on Query { x: me { id } ...B } fragment B on Query { ...A }"),
        1,
        "a cycle is cut"
    );
}

#[test]
fn a_fragment_bomb_is_measured_without_expanding_it_and_refused() {
    for levels in [26, 40] {
        let started = Instant::now();
        let message = refused(&bomb(levels)).expect("refused");
        assert!(message.contains("once fragments are expanded"), "{message}");
        assert!(started.elapsed() < Duration::from_millis(100), "{levels}");
    }
    assert_eq!(aliases(&bomb(40)), 1 << 40);
    assert_eq!(
        refused(&bomb(4)),
        None,
        "16 aliases in 63 selections are fine"
    );
}

#[test]
fn a_long_chain_of_fragments_is_too_deep_not_a_stack_overflow() {
    let mut query = String::from("{ ...F0 }");
    for i in 0..20_000 {
        query.push_str(&format!(" fragment F{i} on Query {{ ...F{} }}", i + 1));
    }
    query.push_str(" fragment F20000 on Query { __typename }");
    let limits = DocumentLimits {
        max_definitions: 100_000,
        ..LIMITS
    };
    let message = refusal(&query, serde_json::json!({}), &limits).unwrap();
    assert!(message.contains("too deeply"), "{message}");
    let message = refused(&query).unwrap();
    assert!(
        message.contains("20002 operations and fragments"),
        "{message}"
    );
}

#[test]
fn spreads_directives_and_definitions_are_bounded_per_place() {
    let spreads = format!(
        "{{ {} }} fragment F on Query {{ __typename }}",
        "...F ".repeat(51)
    );
    assert!(refused(&spreads).unwrap().contains("spreads 51 fragments"));
    let nested = format!(
        "{{ ...G }} fragment G on Query {{ me {{ {} }} }} fragment F on User {{ id }}",
        "...F ".repeat(51)
    );
    assert!(refused(&nested).unwrap().contains("Fragment G spreads 51"));
    let skips = "{ me @skip(if: false) @skip(if: false) @skip(if: false) @skip(if: false) \
        @skip(if: false) { id } }";
    assert!(refused(skips).unwrap().contains("directives"));
    let on_variable = "query($a: Int @x @x @x @x @x) { me { id } }";
    assert!(refused(on_variable).unwrap().contains("directives"));
    assert_eq!(
        refused("{ me @skip(if: false) @include(if: true) { id } }"),
        None
    );
}

#[test]
fn depth_counts_fields_but_introspection_counts_lists() {
    let deep = format!("{{ me {}{} }}", "{ a ".repeat(12), "}".repeat(12));
    assert!(refused(&deep).unwrap().contains("13 deep"));
    let of_type = format!(
        "{{ __schema {{ types {{ fields {{ args {{ type {{ {} name {} }} }} }} }} }} }}",
        "ofType { ".repeat(20),
        "}".repeat(20)
    );
    assert_eq!(refused(&of_type), None);
    let lists =
        "{ __schema { types { fields { type { fields { type { fields { name } } } } } } } }";
    assert!(refused(lists).unwrap().contains("introspection lists"));
    let through_fragment = "{ __type(name: \"Query\") { ...T } }
        fragment T on __Type { fields { type { fields { type { fields { type { fields { name } } } } } } } }";
    assert!(refused(through_fragment).is_some());
}

#[test]
fn introspection_is_found_through_fragments_but_typename_is_allowed() {
    let off = DocumentLimits {
        introspection: false,
        ..LIMITS
    };
    let refused = |query: &str| refusal(query, serde_json::json!({}), &off).is_some();
    assert!(refused("{ __schema { queryType { name } } }"));
    assert!(refused(r#"{ __type(name: "User") { name } }"#));
    assert!(refused(
        "{ ...F } fragment F on Query { ... on Query { __schema { types { name } } } }"
    ));
    assert!(!refused("{ __typename me { __typename id } }"));
}

#[test]
fn one_heavy_field_per_document_and_long_reports_are_heavy() {
    assert_eq!(refused("{ exportMyData }"), None);
    let two = "{ a: exportMyData b: exportMyData }";
    assert!(refused(two).unwrap().contains("one heavy field"));
    assert!(refused("{ exportMyData ...F } fragment F on Query { exportTransactions }").is_some());
    let year = r#"spendingByCategory(from: "2026-01-01", to: "2026-12-31") { total }"#;
    let long = r#"spendingByCategory(from: "2025-01-01", to: "2026-12-31") { total }"#;
    assert_eq!(refused(&format!("{{ a: {year} b: {year} }}")), None);
    assert!(refused(&format!("{{ exportMyData b: {long} }}")).is_some());
    let query = "query($f: Month!, $t: Month = \"2026-12\") {
        exportMyData netWorth(from: $f, to: $t) { currency } }";
    let short = serde_json::json!({ "f": "2026-01" });
    assert_eq!(refusal(query, short, &LIMITS), None);
    let long = serde_json::json!({ "f": "2016-01" });
    assert!(refusal(query, long, &LIMITS).is_some());
    let unreadable = serde_json::json!({ "f": "never" });
    assert_eq!(
        refusal(query, unreadable, &LIMITS),
        None,
        "validation refuses it"
    );
}

#[test]
fn one_password_check_per_document() {
    let login = r#"login(input: {email: "a@b.c", password: "x"}) { accessToken }"#;
    assert_eq!(refused(&format!("mutation {{ {login} }}")), None);
    let two = format!("mutation {{ a: {login} b: {login} }}");
    assert!(refused(&two).unwrap().contains("one password check"));
    let answer =
        r#"completeTwoFactorLogin(input: {challenge: "c", code: "123456"}) { accessToken }"#;
    let both = format!("mutation {{ {login} b: {answer} }}");
    assert!(refused(&both).unwrap().contains("one password check"));
}

#[test]
fn the_text_is_checked_before_parsing() {
    let many = format!("{{ {} }}", "me { id } ".repeat(2000));
    let message = check_text(&many, &LIMITS).unwrap_err().message;
    assert!(message.contains("5000 tokens"), "{message}");
    assert!(check_text("{ me { id } }", &LIMITS).is_ok());
}
