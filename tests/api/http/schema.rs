//! The committed `schema.graphql` is the live schema.

#[test]
fn the_committed_schema_graphql_matches_the_live_schema() {
    let committed = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/schema.graphql"))
        .expect("schema.graphql exists at the repository root");
    let live = tally::graphql::sdl();
    assert!(
        committed == live,
        "schema.graphql is out of date; regenerate it with:\n\n    cargo run -- print-schema > schema.graphql\n"
    );
}
