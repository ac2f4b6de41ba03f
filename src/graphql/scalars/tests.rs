use super::*;

fn money(value: Value) -> Result<String, String> {
    Money::parse(value)
        .map(|m| m.0.to_string())
        .map_err(|e| e.into_server_error(Default::default()).message)
}

#[test]
fn decimals_are_strings_with_digits_and_an_optional_fraction() {
    assert_eq!(money(Value::String("-12.50".into())).unwrap(), "-12.50");
    assert_eq!(money(Value::String("0.1".into())).unwrap(), "0.1");
    assert_eq!(
        money(Value::String("123456789012.34".into())).unwrap(),
        "123456789012.34"
    );
    for bad in [
        "", "NaN", "inf", "1e5", "+1", "1.", ".5", "1_000", " 1", "1,50", "--1", "0x10",
    ] {
        assert!(
            money(Value::String(bad.into())).is_err(),
            "{bad:?} accepted"
        );
    }
}

#[test]
fn json_numbers_are_refused_as_money() {
    let err = money(Value::Number(serde_json::Number::from_f64(0.1).unwrap())).unwrap_err();
    assert!(err.contains("not a JSON number"), "{err}");
}

#[test]
fn dates_must_be_real_calendar_days() {
    assert!(Date::parse(Value::String("2024-02-29".into())).is_ok());
    assert!(Date::parse(Value::String("1000-01-01".into())).is_ok());
    assert!(Date::parse(Value::String("9999-12-31".into())).is_ok());
    for bad in [
        "0999-12-31",
        "0000-01-01",
        "2023-02-29",
        "2024-13-01",
        "24-01-01",
        "2024-1-1",
        "2024/01/01",
        "+12024-01-01",
    ] {
        assert!(
            Date::parse(Value::String(bad.into())).is_err(),
            "{bad:?} accepted"
        );
    }
}

#[test]
fn months_are_year_and_month_only() {
    let month = Month::parse(Value::String("2026-01".into())).unwrap();
    assert_eq!(month.to_value(), Value::String("2026-01".into()));
    for bad in ["2026-13", "2026-1", "2026-01-01", "202601"] {
        assert!(
            Month::parse(Value::String(bad.into())).is_err(),
            "{bad:?} accepted"
        );
    }
    assert!(Month::parse(Value::Number(202601.into())).is_err());
}

#[test]
fn refused_values_are_quoted_short() {
    let err = Uuid::parse(Value::String("x".repeat(10_000))).unwrap_err();
    let message = err.into_server_error(Default::default()).message;
    assert!(message.len() < 200, "{message}");
}

#[test]
fn uuids_are_canonical() {
    assert!(Uuid::parse(Value::String("0193a1c2-7d5e-7c3a-9b1f-2a4c6e8d0f12".into())).is_ok());
    assert!(Uuid::parse(Value::String("0193a1c27d5e7c3a9b1f2a4c6e8d0f12".into())).is_err());
    assert!(Uuid::parse(Value::String("not-a-uuid".into())).is_err());
}
