//! A property test over the whole API: every query and mutation the schema has (read by
//! introspection, so a new field is covered without touching this file), called with
//! generated arguments ([`values`]) as variables or as literals, by an anonymous caller or
//! by a signed-in administrator with data of their own. For every case:
//! - never an HTTP 5xx (a panic in the server, which runs in this process, would be one);
//! - every error has an `extensions.code`, and none is `INTERNAL_SERVER_ERROR`; no message is
//!   longer than 1000 characters, whatever it quotes;
//! - a mutation answered with an error wrote nothing (the viewer's `exportMyData` is as it
//!   was), and another user's data never changes.
//!
//! CI runs the fixed seed below with a few cases per field (seconds). By hand, run longer
//! or another seed: `TALLY_FUZZ_CASES=500 TALLY_FUZZ_SEED=7 cargo nextest run --test api
//! -E 'test(/fuzz/)'` (add `TEST_DATABASE_URL=…` for PostgreSQL). A failure names its seed.

mod schema;
mod values;

use serde_json::{Map, Value, json};

use self::schema::{Field, Schema, TypeRef};
use self::values::{Known, Values};
use crate::admin::roles::admin;
use crate::helpers::{TestApp, TestUser};

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

/// What one case sent.
struct Case {
    field: String,
    mutation: bool,
    anonymous: bool,
    document: String,
    variables: Value,
}

impl Case {
    /// One call of `field` with generated arguments, as variables or (now and then) literals.
    fn generate(values: &mut Values, schema: &Schema, field: &Field, mutation: bool) -> Self {
        values.start_case();
        let literal = values.chance(0.25);
        let (mut definitions, mut arguments, mut variables) = (vec![], vec![], Map::new());
        for (i, arg) in field.args.iter().enumerate() {
            let Some(value) = values.for_input(&arg.name, &arg.ty, 0) else {
                continue;
            };
            if literal {
                arguments.push(format!(
                    "{}: {}",
                    arg.name,
                    written(&value, &arg.ty, schema)
                ));
            } else {
                definitions.push(format!("$a{i}: {}", arg.ty.written()));
                arguments.push(format!("{}: $a{i}", arg.name));
                variables.insert(format!("a{i}"), value);
            }
        }
        let wrap = |parts: Vec<String>| {
            if parts.is_empty() {
                String::new()
            } else {
                format!("({})", parts.join(", "))
            }
        };
        let kind = if mutation { "mutation" } else { "query" };
        let document = format!(
            "{kind}{} {{ {}{} {} }}",
            wrap(definitions),
            field.name,
            wrap(arguments),
            schema.selection(&field.ty, 2)
        );
        Self {
            field: field.name.clone(),
            mutation,
            anonymous: values.chance(0.15),
            document,
            variables: Value::Object(variables),
        }
    }

    fn describe(&self, seed: u64, number: usize, status: u16, body: &str) -> String {
        let cut = |text: &str| text.chars().take(600).collect::<String>();
        format!(
            "seed {seed}, case {number}, {} ({}): HTTP {status}\n  document: {}\n  variables: {}\n  response: {}",
            self.field,
            if self.anonymous {
                "anonymous"
            } else {
                "viewer"
            },
            cut(&self.document),
            cut(&self.variables.to_string()),
            cut(body)
        )
    }
}

/// `value` as a GraphQL literal of type `ty` (enum values bare, everything else as JSON).
fn written(value: &Value, ty: &TypeRef, schema: &Schema) -> String {
    let def = schema.types.get(ty.name());
    let field_type = |key: &str| {
        def.and_then(|d| d.input_fields.iter().find(|f| f.name == key))
            .map_or_else(|| TypeRef::Named("String".into()), |f| f.ty.clone())
    };
    let element = match ty {
        TypeRef::NonNull(inner) => match &**inner {
            TypeRef::List(element) => (**element).clone(),
            other => other.clone(),
        },
        TypeRef::List(element) => (**element).clone(),
        named => named.clone(),
    };
    match value {
        Value::String(text) if def.is_some_and(|d| d.enum_values.contains(text)) => text.clone(),
        Value::Array(items) => {
            let items: Vec<String> = items.iter().map(|i| written(i, &element, schema)).collect();
            format!("[{}]", items.join(", "))
        }
        Value::Object(map) => {
            let fields: Vec<String> = map
                .iter()
                .map(|(k, v)| format!("{k}: {}", written(v, &field_type(k), schema)))
                .collect();
            format!("{{{}}}", fields.join(", "))
        }
        other => other.to_string(),
    }
}

/// An administrator with an account of each kind, transactions with tags, a transfer, a
/// valuation and a budget: ids worth guessing.
async fn viewer_with_data(app: &TestApp) -> TestUser {
    let viewer = admin(app).await;
    let default = app
        .default_account_fields(&viewer.token, "id currency")
        .await;
    let currency = default["currency"].as_str().expect("currency");
    let fund = app
        .create_account(&viewer, "Fund", "INVESTMENT", currency, "100.00")
        .await;
    let groceries = app.category(&viewer, "Groceries").await;
    for (date, amount) in [("2026-01-05", "-12.50"), ("2026-02-01", "2500.00")] {
        app.create_transaction(
            &viewer,
            json!({ "date": date, "amount": amount, "description": "Seed",
                "categoryId": groceries, "tags": ["food", "weekly"] }),
        )
        .await;
    }
    let writes = [
        (
            "mutation($i: CreateTransferInput!) { createTransfer(input: $i) { id } }",
            json!({ "fromAccountId": default["id"], "toAccountId": fund,
                "date": "2026-01-10", "amount": "50.00", "description": "Save" }),
        ),
        (
            "mutation($i: SetValuationInput!) { setValuation(input: $i) { id } }",
            json!({ "accountId": fund, "date": "2026-01-31", "value": "160.00" }),
        ),
        (
            "mutation($i: SetBudgetInput!) { setBudget(input: $i) { id } }",
            json!({ "categoryId": groceries, "month": "2026-01", "amount": "300.00" }),
        ),
    ];
    for (mutation, input) in writes {
        app.ok(&viewer.token, mutation, json!({ "i": input })).await;
    }
    viewer
}

/// Every id in an `exportMyData` document.
fn ids_in(document: &Value, into: &mut Vec<String>) {
    match document {
        Value::Object(map) => {
            for (key, value) in map {
                match value {
                    Value::String(id) if key == "id" || key.ends_with("Id") => {
                        into.push(id.clone())
                    }
                    other => ids_in(other, into),
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|item| ids_in(item, into)),
        _ => {}
    }
}

/// The viewer's data, or `None` when their token no longer works.
async fn snapshot(app: &TestApp, user: &TestUser) -> Option<Value> {
    let (status, body) = app
        .post(Some(&user.token), json!({ "query": "{ exportMyData }" }))
        .await;
    (status == 200 && body.get("errors").is_none()).then(|| body["data"]["exportMyData"].clone())
}

/// The viewer's ids (and another user's finance ids) and page cursors.
async fn known(app: &TestApp, viewer: &TestUser, other: &Value) -> Known {
    let mut ids = Vec::new();
    ids_in(
        &snapshot(app, viewer).await.expect("the viewer's data"),
        &mut ids,
    );
    ids_in(&other["transactions"], &mut ids);
    ids_in(&other["accounts"], &mut ids);
    let pages = "{ a: transactions(first: 1) { pageInfo { endCursor } }
        b: transactions(first: 1, orderBy: {field: AMOUNT}) { pageInfo { endCursor } }
        c: myAuditLog(first: 1) { pageInfo { endCursor } }
        d: users(first: 1) { pageInfo { endCursor } } sessions { id } }";
    let data = app.ok(&viewer.token, pages, json!({})).await;
    let cursors = ["a", "b", "c", "d"]
        .iter()
        .filter_map(|page| {
            data[page]["pageInfo"]["endCursor"]
                .as_str()
                .map(str::to_owned)
        })
        .collect();
    ids_in(&data["sessions"], &mut ids);
    Known { ids, cursors }
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
