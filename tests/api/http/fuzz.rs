//! A property test over the whole API: every query and mutation the schema has (read by
//! introspection, so a new field is covered without touching this file), called with
//! generated arguments ([`values`], [`scalars`]) as variables or as literals ([`case`]), by an
//! anonymous caller or by a signed-in administrator with data of their own ([`viewer`]). For
//! every case:
//! - never an HTTP 5xx (a panic in the server, which runs in this process, would be one);
//! - every error has an `extensions.code`, and none is `INTERNAL_SERVER_ERROR`; no message is
//!   longer than 1000 characters, whatever it quotes;
//! - a mutation answered with an error wrote nothing (the viewer's `exportMyData` is as it
//!   was), and another user's data never changes.
//!
//! CI runs the fixed seed below with a few cases per field (seconds). By hand, run longer or
//! another seed: `TALLY_FUZZ_CASES=100 TALLY_FUZZ_SEED=7 cargo test --test api http::fuzz --
//! --nocapture` (`cargo test`: nextest ends a test after 3 minutes; add
//! `TEST_DATABASE_URL=…` for PostgreSQL). A failure names its seed, case and request.

mod case;
mod scalars;
mod schema;
mod values;
mod viewer;

use serde_json::{Value, json};

use self::case::Case;
use self::schema::{Field, Schema};
use self::values::Values;
use self::viewer::{known, snapshot, viewer_with_data};
use crate::helpers::TestApp;

/// The seed CI runs.
const SEED: u64 = 20_261_127;
/// Cases per root field in CI.
const CASES: usize = 6;
/// Longest error message (with the `…` that marks a cut).
const MAX_MESSAGE_CHARS: usize = 1001;

fn setting<T: std::str::FromStr>(name: &str, default: T) -> T {
    std::env::var(name)
        .ok()
        .and_then(|value| value.parse().ok())
        .unwrap_or(default)
}

/// What is wrong with a response, if anything.
fn violation(status: u16, body: &Value) -> Option<String> {
    if status >= 500 {
        return Some("a 5xx".to_owned());
    }
    if body.get("data").is_none() && body.get("errors").is_none() {
        return Some("neither data nor errors".to_owned());
    }
    let errors = body["errors"]
        .as_array()
        .map(Vec::as_slice)
        .unwrap_or_default();
    errors.iter().find_map(|error| {
        let length = error["message"].as_str().map_or(0, |m| m.chars().count());
        match error["extensions"]["code"].as_str() {
            None => Some("an error without extensions.code".to_owned()),
            Some("INTERNAL_SERVER_ERROR") => Some("an internal error".to_owned()),
            Some(_) if length > MAX_MESSAGE_CHARS => {
                Some(format!("an error message of {length} characters"))
            }
            Some(_) => None,
        }
    })
}

/// Did the request get past validation to a resolver (data, or an error on a field)?
fn reached_resolver(body: &Value) -> bool {
    let errors = body["errors"]
        .as_array()
        .map(Vec::as_slice)
        .unwrap_or_default();
    body.get("data").is_some_and(|data| !data.is_null())
        || errors
            .iter()
            .any(|e| e["path"].as_array().is_some_and(|p| !p.is_empty()))
}

#[tokio::test]
async fn every_field_with_generated_arguments_answers_with_a_code_and_writes_nothing_on_error() {
    let seed = setting("TALLY_FUZZ_SEED", SEED);
    let cases = setting("TALLY_FUZZ_CASES", CASES);
    let app = TestApp::spawn().await;
    let schema = Schema::of(&app).await;
    let other = app.signed_up_user().await;
    app.create_transaction(
        &other,
        json!({ "date": "2026-01-01", "amount": "-1.00",
        "description": "Not yours" }),
    )
    .await;
    let others_data = snapshot(&app, &other).await.expect("the other user's data");
    let mut viewer = viewer_with_data(&app).await;
    let mut values = Values::new(seed, &schema);
    values.known = known(&app, &viewer, &others_data).await;
    let mut before = snapshot(&app, &viewer).await.expect("the viewer's data");
    let fields: Vec<(&Field, bool)> = (schema.queries.iter().map(|f| (f, false)))
        .chain(schema.mutations.iter().map(|f| (f, true)))
        .collect();
    let (mut failures, mut executed, mut number) = (Vec::new(), 0, 0);

    for _ in 0..cases {
        for (field, mutation) in &fields {
            number += 1;
            let case = Case::generate(&mut values, &schema, field, *mutation);
            let token = (!case.anonymous).then_some(viewer.token.as_str());
            let request = json!({ "query": case.document, "variables": case.variables });
            let mut sent = app.client.post(app.url("/graphql")).json(&request);
            if let Some(token) = token {
                sent = sent.bearer_auth(token);
            }
            let response = sent.send().await.expect("the server answers");
            let status = response.status().as_u16();
            let text = response.text().await.expect("a body");
            let body: Value = serde_json::from_str(&text).unwrap_or(Value::Null);
            if let Some(problem) = violation(status, &body) {
                failures.push(format!(
                    "{problem}: {}",
                    case.describe(seed, number, status, &text)
                ));
            }
            executed += usize::from(reached_resolver(&body));
            if std::env::var("FUZZ_DEBUG").is_ok() && !reached_resolver(&body) {
                eprintln!(
                    "{} {}",
                    case.field,
                    body["errors"][0]["message"]
                        .as_str()
                        .unwrap_or("")
                        .chars()
                        .take(150)
                        .collect::<String>()
                );
            }
            if !case.mutation || case.anonymous {
                continue;
            }
            let Some(after) = snapshot(&app, &viewer).await else {
                // The case ended the viewer's session (logout, a role change): carry on
                // with a fresh one.
                viewer = viewer_with_data(&app).await;
                values.known = known(&app, &viewer, &others_data).await;
                before = snapshot(&app, &viewer).await.expect("the viewer's data");
                continue;
            };
            if body.get("errors").is_some() && after != before {
                let case = case.describe(seed, number, status, &text);
                failures.push(format!("an error, yet the viewer's data changed: {case}"));
            }
            before = after;
        }
    }

    let others_now = snapshot(&app, &other).await;
    assert_eq!(
        others_now.as_ref(),
        Some(&others_data),
        "another user's data changed"
    );
    assert!(
        failures.is_empty(),
        "{} of {number} cases failed; the first ones:\n{}",
        failures.len(),
        failures
            .iter()
            .take(5)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n\n")
    );
    assert!(
        executed * 3 >= number,
        "only {executed} of {number} cases got past validation: the generator is too hostile"
    );
}
