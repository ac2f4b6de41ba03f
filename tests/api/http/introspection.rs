//! The introspection queries that tools send — graphql-js's `getIntrospectionQuery()` (GraphiQL,
//! Apollo, codegen) and graphql-core's `get_introspection_query()` (Python clients,
//! schemathesis) — work with the default limits whenever introspection is on, though their
//! `ofType` chains nest deeper than the depth limit lets any other selection go; and that
//! exemption is no hole: below `__schema`/`__type` the nesting of lists is bounded instead,
//! and outside them the depth limit holds as before.

use serde_json::{Value, json};

use crate::helpers::{TestApp, error_saying, error_with_code};

/// The options both libraries share, with graphql-js's defaults.
#[derive(Clone, Copy)]
struct Options {
    descriptions: bool,
    specified_by_url: bool,
    directive_is_repeatable: bool,
    schema_description: bool,
    input_value_deprecation: bool,
    one_of: bool,
    /// How many `ofType` levels `TypeRef` nests: 9 in graphql-js 16.15 and graphql-core 3.2.
    type_depth: usize,
}

const DEFAULTS: Options = Options {
    descriptions: true,
    specified_by_url: false,
    directive_is_repeatable: false,
    schema_description: false,
    input_value_deprecation: false,
    one_of: false,
    type_depth: 9,
};

/// The standard introspection query with `options`, as both libraries build it (they differ
/// only in the order of `kind` and `name` inside `ofType`, which `graphql_core` chooses).
fn introspection_query(options: Options, graphql_core: bool) -> String {
    let when = |on: bool, text: &'static str| if on { text } else { "" };
    let description = when(options.descriptions, "description");
    let deprecation = |text| when(options.input_value_deprecation, text);
    let (first, second) = if graphql_core {
        ("kind", "name")
    } else {
        ("name", "kind")
    };
    let mut of_type = String::new();
    for _ in 0..options.type_depth {
        of_type.push_str(&format!(" ofType {{ {first} {second}"));
    }
    of_type.push_str(&" }".repeat(options.type_depth));
    format!(
        "query IntrospectionQuery {{
          __schema {{
            {schema_description}
            queryType {{ name kind }} mutationType {{ name kind }} subscriptionType {{ name kind }}
            types {{ ...FullType }}
            directives {{
              name {description} {repeatable} locations
              args{args_deprecated} {{ ...InputValue }}
            }}
          }}
        }}
        fragment FullType on __Type {{
          kind name {description} {specified_by} {one_of}
          fields(includeDeprecated: true) {{
            name {description}
            args{args_deprecated} {{ ...InputValue }}
            type {{ ...TypeRef }}
            isDeprecated deprecationReason
          }}
          inputFields{args_deprecated} {{ ...InputValue }}
          interfaces {{ ...TypeRef }}
          enumValues(includeDeprecated: true) {{ name {description} isDeprecated deprecationReason }}
          possibleTypes {{ ...TypeRef }}
        }}
        fragment InputValue on __InputValue {{
          name {description} type {{ ...TypeRef }} defaultValue
          {is_deprecated} {deprecation_reason}
        }}
        fragment TypeRef on __Type {{ kind name{of_type} }}",
        schema_description = when(options.schema_description, description),
        repeatable = when(options.directive_is_repeatable, "isRepeatable"),
        args_deprecated = deprecation("(includeDeprecated: true)"),
        specified_by = when(options.specified_by_url, "specifiedByURL"),
        one_of = when(options.one_of, "isOneOf"),
        is_deprecated = deprecation("isDeprecated"),
        deprecation_reason = deprecation("deprecationReason"),
    )
}

fn assert_schema_loaded(body: &Value) {
    assert!(body.get("errors").is_none(), "{body}");
    let schema = &body["data"]["__schema"];
    assert_eq!(schema["queryType"]["name"], "Query", "{body}");
    let types = schema["types"].as_array().expect("types");
    let transaction = types.iter().find(|t| t["name"] == "Transaction");
    assert!(transaction.is_some_and(|t| t["fields"].as_array().is_some_and(|f| !f.is_empty())));
}

#[tokio::test]
async fn the_standard_introspection_queries_work_with_the_default_limits() {
    let app = TestApp::spawn().await;
    let user = app.signed_up_user().await;
    let everything = Options {
        specified_by_url: true,
        directive_is_repeatable: true,
        schema_description: true,
        input_value_deprecation: true,
        one_of: true,
        ..DEFAULTS
    };
    let without_descriptions = Options {
        descriptions: false,
        ..DEFAULTS
    };
    for (options, graphql_core) in [
        (DEFAULTS, false),
        (DEFAULTS, true),
        (everything, false),
        (everything, true),
        (without_descriptions, true),
    ] {
        let query = introspection_query(options, graphql_core);
        for token in [None, Some(user.token.as_str())] {
            assert_schema_loaded(&app.gql(token, &query, json!({})).await);
        }
    }
}

#[tokio::test]
async fn the_depth_limit_still_holds_outside_introspection() {
    let app = TestApp::spawn().await;
    let user = app.signed_up_user().await;
    // 13 fields deep, one more than the default limit of 12.
    let inner = format!(
        "transactions {{ edges {{ node {{ category {{ {} name {} }} }} }} }}",
        "parent { children { ".repeat(4),
        "} } ".repeat(4)
    );
    let deep = format!("{{ {inner} }}");
    let body = app.gql(Some(&user.token), &deep, json!({})).await;

    error_saying(&body, "GRAPHQL_VALIDATION_FAILED", "13 deep");
    let with_introspection = format!("{{ __schema {{ queryType {{ name }} }} {inner} }}");
    let body = app
        .gql(Some(&user.token), &with_introspection, json!({}))
        .await;
    error_with_code(&body, "GRAPHQL_VALIDATION_FAILED");
}

#[tokio::test]
async fn nested_introspection_lists_are_refused() {
    let app = TestApp::spawn().await;
    // Every type's fields' types' fields' types' fields: a multiplying answer.
    let lists =
        "{ __schema { types { fields { type { fields { type { fields { name } } } } } } } }";
    let body = app.gql(None, lists, json!({})).await;
    error_saying(&body, "GRAPHQL_VALIDATION_FAILED", "introspection lists");

    let through_fragment = "{ __type(name: \"Transaction\") { ...T } }
        fragment T on __Type { fields { type { ofType { fields { args { type { fields { name } } } } } } } }";
    let body = app.gql(None, through_fragment, json!({})).await;
    error_with_code(&body, "GRAPHQL_VALIDATION_FAILED");
}

#[tokio::test]
async fn with_introspection_off_the_standard_query_is_refused() {
    let app = TestApp::spawn_with(|config| config.graphql_introspection = Some(false)).await;
    let body = app
        .gql(None, &introspection_query(DEFAULTS, true), json!({}))
        .await;
    error_saying(
        &body,
        "GRAPHQL_VALIDATION_FAILED",
        "Introspection is disabled",
    );
}
