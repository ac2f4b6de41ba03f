use super::*;

fn labelled(message: &str, path: bool) -> String {
    let mut err = ServerError::new(message, None);
    if path {
        err.path = vec![async_graphql::PathSegment::Field("me".into())];
    }
    let mut response = Response::from_errors(vec![err]);
    label(&mut response);
    let ext = serde_json::to_value(&response.errors[0].extensions).unwrap();
    ext["code"].as_str().unwrap().to_owned()
}

#[test]
fn async_graphql_errors_get_the_code_that_fits() {
    assert_eq!(
        labelled("Failed to parse \"UUID\": x", true),
        code::BAD_USER_INPUT
    );
    assert_eq!(
        labelled("Unknown operation named \"X\"", false),
        code::OPERATION_RESOLUTION_FAILURE
    );
    assert_eq!(
        labelled("Unknown field \"x\" on type \"User\".", false),
        code::GRAPHQL_VALIDATION_FAILED
    );
    assert_eq!(
        labelled("something else", true),
        code::INTERNAL_SERVER_ERROR
    );
}

#[test]
fn a_refused_argument_names_its_field_and_the_expected_form() {
    let message = r#"Invalid value for argument "input.amount", expected type "Decimal""#;
    let mut response = Response::from_errors(vec![ServerError::new(message, None)]);
    label(&mut response);
    let err = &response.errors[0];
    assert!(
        err.message.contains("JSON numbers are refused"),
        "{}",
        err.message
    );
    let ext = serde_json::to_value(&err.extensions).unwrap();
    assert_eq!(ext["field"], "input.amount");
    assert_eq!(ext["code"], code::BAD_USER_INPUT);
}

#[test]
fn long_messages_and_many_errors_are_cut() {
    let long_line = format!("1 | {}\n  = expected name", "{".repeat(500_000));
    let mut errors: Vec<ServerError> = (0..80)
        .map(|i| ServerError::new(format!("error {i}"), None))
        .collect();
    errors[0] = ServerError::new(long_line, None);
    let mut response = Response::from_errors(errors);
    label(&mut response);
    assert_eq!(response.errors.len(), MAX_ERRORS);
    let first = &response.errors[0].message;
    assert!(first.chars().count() < 220, "{}", first.len());
    assert!(first.ends_with("= expected name"), "{first}");
    let last = &response.errors[MAX_ERRORS - 1];
    assert_eq!(last.message, "31 more errors were left out");
    let ext = serde_json::to_value(&last.extensions).unwrap();
    assert_eq!(ext["code"], code::GRAPHQL_VALIDATION_FAILED);
    let many_lines = "x\n".repeat(5000);
    assert!(bounded(&many_lines).chars().count() <= MAX_MESSAGE_CHARS + 1);
    assert_eq!(bounded("short"), "short");
}

#[test]
fn an_existing_code_is_kept() {
    let err = with_code(
        with_code(ServerError::new("x", None), code::NOT_FOUND),
        code::CONFLICT,
    );
    let ext = serde_json::to_value(&err.extensions).unwrap();
    assert_eq!(ext["code"], code::NOT_FOUND);
}

fn extensions(err: AppError) -> (String, serde_json::Value) {
    let gql: async_graphql::Error = err.into();
    let ext = serde_json::to_value(gql.extensions).expect("extensions serialise");
    (gql.message, ext)
}

#[test]
fn each_variant_maps_to_its_apollo_code() {
    let cases = [
        (AppError::Unauthenticated("x"), code::UNAUTHENTICATED),
        (AppError::Forbidden("x"), code::FORBIDDEN),
        (AppError::bad_input("f", "x"), code::BAD_USER_INPUT),
        (AppError::not_found("account"), code::NOT_FOUND),
        (
            AppError::Conflict {
                field: "email",
                message: "x".into(),
            },
            code::CONFLICT,
        ),
        (
            AppError::RateLimited {
                retry_after_secs: 3,
            },
            code::RATE_LIMITED,
        ),
        (
            AppError::internal(anyhow::anyhow!("boom")),
            code::INTERNAL_SERVER_ERROR,
        ),
    ];
    for (err, expected) in cases {
        let (_, ext) = extensions(err);
        assert_eq!(ext["code"], expected);
    }
}

#[test]
fn bad_input_and_conflict_name_the_field() {
    let (_, ext) = extensions(AppError::bad_input("input.amount", "too many decimals"));
    assert_eq!(ext["field"], "input.amount");
    let conflict = AppError::Conflict {
        field: "username",
        message: "taken".into(),
    };
    assert_eq!(extensions(conflict).1["field"], "username");
}

#[test]
fn internal_errors_never_show_their_cause() {
    let (message, _) = extensions(AppError::internal(anyhow::anyhow!("password_hash column")));
    assert_eq!(message, crate::error::INTERNAL_MESSAGE);
}

#[test]
fn rate_limited_says_when_to_retry() {
    let (message, ext) = extensions(AppError::RateLimited {
        retry_after_secs: 30,
    });
    assert_eq!(ext["retryAfter"], 30);
    assert!(message.contains("30 seconds"));
}

#[test]
fn only_our_own_codes_are_known_to_the_metrics() {
    assert_eq!(code::known("NOT_FOUND"), code::NOT_FOUND);
    assert_eq!(
        code::known(code::TRUSTED_DOCUMENTS_ONLY),
        "TRUSTED_DOCUMENTS_ONLY"
    );
    assert_eq!(code::known("made up"), "OTHER");
}
