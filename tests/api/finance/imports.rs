//! `importTransactions`: column mapping, date and number formats, per-row errors with row
//! numbers, all-or-nothing, duplicates on re-import, scoping and limits. Balances are checked
//! after every import that writes.

use serde_json::{Value, json};

use crate::helpers::{TestApp, TestUser, error_with_code};

const IMPORT: &str = "mutation($input: ImportTransactionsInput!) {
    importTransactions(input: $input) { imported duplicates errors { row column message } } }";

const LIST: &str = "{ transactions(first: 200, orderBy: {field: DATE, direction: ASC}) {
    edges { node { date amount description notes category { name } account { id } } } } }";

/// Import `csv` into the user's default account with `extra` input fields; the whole body.
pub async fn try_import(app: &TestApp, user: &TestUser, csv: &str, extra: Value) -> Value {
    let mut input = json!({
        "accountId": app.default_account(user).await,
        "csv": csv,
        "mapping": { "date": "Date", "description": "Payee", "amount": "Amount" },
    });
    if let (Some(input), Some(extra)) = (input.as_object_mut(), extra.as_object()) {
        input.extend(extra.clone());
    }
    app.gql(Some(&user.token), IMPORT, json!({ "input": input }))
        .await
}

/// An import that must not fail as a whole; returns its result.
pub async fn import(app: &TestApp, user: &TestUser, csv: &str, extra: Value) -> Value {
    let body = try_import(app, user, csv, extra).await;
    assert!(body.get("errors").is_none(), "import failed: {body}");
    body["data"]["importTransactions"].clone()
}

async fn balance(app: &TestApp, user: &TestUser) -> Value {
    app.default_account_fields(&user.token, "balance").await["balance"].clone()
}

async fn listed(app: &TestApp, user: &TestUser) -> Vec<Value> {
    let data = app.ok(&user.token, LIST, json!({})).await;
    let edges = data["transactions"]["edges"].as_array().unwrap();
    edges.iter().map(|e| e["node"].clone()).collect()
}

#[tokio::test]
async fn a_mapped_csv_is_imported_with_categories_notes_and_tags() {
    let app = TestApp::spawn().await;
    let user = app.signed_up_user().await;
    let csv = "When,Payee,Value,Kind,Memo,Labels\r\n\
               2026-01-05,Corner shop,-12.50,groceries,Milk,\"Food, weekly\"\r\n\
               2026-01-01,Employer,\"2,500.00\",Salary,,\r\n\
               2026-01-03,Landlord,-900,Housing / Rent,January,home\r\n";
    let mapping = json!({ "mapping": { "date": " when ", "description": "PAYEE",
        "amount": "Value", "category": "Kind", "notes": "Memo", "tags": "Labels" } });

    let result = import(&app, &user, csv, mapping).await;

    assert_eq!(
        result,
        json!({ "imported": 3, "duplicates": 0, "errors": [] })
    );
    let rows = listed(&app, &user).await;
    let summary: Vec<_> = rows
        .iter()
        .map(|r| {
            (
                r["date"].clone(),
                r["amount"].clone(),
                r["description"].clone(),
            )
        })
        .collect();
    assert_eq!(
        summary,
        vec![
            (json!("2026-01-01"), json!("2500.00"), json!("Employer")),
            (json!("2026-01-03"), json!("-900.00"), json!("Landlord")),
            (json!("2026-01-05"), json!("-12.50"), json!("Corner shop")),
        ]
    );
    assert_eq!(rows[0]["category"]["name"], "Salary");
    assert_eq!(rows[1]["category"]["name"], "Rent");
    assert_eq!(rows[2]["category"]["name"], "Groceries");
    assert_eq!(rows[2]["notes"], "Milk");
    assert_eq!(rows[0]["notes"], Value::Null);
    let data = app.ok(&user.token, "{ exportMyData }", json!({})).await;
    let tags: Vec<_> = data["exportMyData"]["transactions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["tags"].clone())
        .collect();
    assert_eq!(
        tags,
        vec![json!([]), json!(["home"]), json!(["food", "weekly"])]
    );
    assert_eq!(balance(&app, &user).await, "1587.50");
}

#[tokio::test]
async fn decimal_commas_semicolons_and_day_first_dates_are_read() {
    let app = TestApp::spawn().await;
    let user = app.signed_up_user().await;
    let csv = "Date;Payee;Amount\n31.01.2026;Bäckerei;-1.234,56\n1/2/2026;Gehalt;+3 000,5\n";
    let options = json!({ "delimiter": ";", "decimalSeparator": "COMMA", "dateFormat": "DMY" });

    let result = import(&app, &user, csv, options).await;

    assert_eq!(result["imported"], 2, "{result}");
    let rows = listed(&app, &user).await;
    assert_eq!(rows[0]["date"], "2026-01-31");
    assert_eq!(rows[0]["amount"], "-1234.56");
    assert_eq!(rows[1]["date"], "2026-02-01");
    assert_eq!(rows[1]["amount"], "3000.50");
    assert_eq!(balance(&app, &user).await, "1765.94");
}

#[tokio::test]
async fn debit_and_credit_columns_make_money_out_negative() {
    let app = TestApp::spawn().await;
    let user = app.signed_up_user().await;
    let csv = "Date\tPayee\tDebit\tCredit\n\
               03/15/2026\tRent\t800.00\t\n\
               03/16/2026\tRefund\t\t25.10\n\
               03/17/2026\tFee\t-1.00\t0.00\n";
    let options = json!({ "delimiter": "\t", "dateFormat": "MDY",
        "mapping": { "date": "Date", "description": "Payee", "debit": "Debit", "credit": "Credit" } });

    let result = import(&app, &user, csv, options).await;

    assert_eq!(result["imported"], 3, "{result}");
    let amounts: Vec<_> = listed(&app, &user)
        .await
        .iter()
        .map(|r| r["amount"].clone())
        .collect();
    assert_eq!(
        amounts,
        vec![json!("-800.00"), json!("25.10"), json!("-1.00")]
    );
    assert_eq!(balance(&app, &user).await, "-775.90");
}

/// Rows 2 and 7 are good; each other data row has one problem. Row 5's memo spans two
/// lines of the file, and a spreadsheet still shows it as one row.
const BAD_ROWS: &str = "Date,Payee,Amount,Category,Memo\n\
    2026-01-01,Good,-1.00,,\n\
    2026-13-01,Bad date,-1.00,,\n\
    2026-01-02,Bad amount,12abc,,\n\
    2026-01-03,Too precise,-1.005,,\"Two\nlines\"\n\
    2026-01-04,Unknown category,-1.00,Nonsense,\n\
    2026-01-05,Good too,-2.00,,\n\
    2026-01-06,  ,-1.00,,\n";

fn bad_rows_options(all_or_nothing: bool) -> Value {
    json!({ "allOrNothing": all_or_nothing, "mapping": { "date": "Date",
        "description": "Payee", "amount": "Amount", "category": "Category", "notes": "Memo" } })
}

fn expected_bad_rows() -> Vec<(i64, &'static str)> {
    vec![
        (3, "Date"),
        (4, "Amount"),
        (5, "Amount"),
        (6, "Category"),
        (8, "Payee"),
    ]
}

fn error_rows(result: &Value) -> Vec<(i64, &str)> {
    let errors = result["errors"].as_array().unwrap();
    errors
        .iter()
        .map(|e| (e["row"].as_i64().unwrap(), e["column"].as_str().unwrap()))
        .collect()
}

#[tokio::test]
async fn bad_rows_are_reported_by_row_number_and_nothing_is_written() {
    let app = TestApp::spawn().await;
    let user = app.signed_up_user().await;

    let result = import(&app, &user, BAD_ROWS, bad_rows_options(true)).await;

    assert_eq!(result["imported"], 0);
    assert_eq!(error_rows(&result), expected_bad_rows(), "{result}");
    let messages = result["errors"].to_string();
    assert!(messages.contains("YYYY-MM-DD"), "{messages}");
    assert!(messages.contains("at most 2 decimal places"), "{messages}");
    assert!(messages.contains("no category named"), "{messages}");
    assert!(
        messages.contains("description must not be empty"),
        "{messages}"
    );
    assert!(listed(&app, &user).await.is_empty());
    assert_eq!(balance(&app, &user).await, "0.00");
}

#[tokio::test]
async fn without_all_or_nothing_the_good_rows_are_imported_and_the_bad_reported() {
    let app = TestApp::spawn().await;
    let user = app.signed_up_user().await;

    let result = import(&app, &user, BAD_ROWS, bad_rows_options(false)).await;

    assert_eq!(result["imported"], 2);
    assert_eq!(error_rows(&result), expected_bad_rows(), "{result}");
    let rows = listed(&app, &user).await;
    let names: Vec<_> = rows.iter().map(|r| r["description"].clone()).collect();
    assert_eq!(names, vec![json!("Good"), json!("Good too")]);
    assert_eq!(balance(&app, &user).await, "-3.00");
}

#[tokio::test]
async fn importing_the_same_file_again_adds_nothing() {
    let app = TestApp::spawn().await;
    let user = app.signed_up_user().await;
    let csv = "Date,Payee,Amount\n2026-02-01,Coffee,-3.20\n2026-02-02,Lunch,-11.00\n";
    import(&app, &user, csv, json!({})).await;

    let again = import(&app, &user, csv, json!({})).await;

    assert_eq!(
        again,
        json!({ "imported": 0, "duplicates": 2, "errors": [] })
    );
    assert_eq!(listed(&app, &user).await.len(), 2);
    assert_eq!(balance(&app, &user).await, "-14.20");
}

#[tokio::test]
async fn identical_rows_in_one_file_are_each_imported_once() {
    let app = TestApp::spawn().await;
    let user = app.signed_up_user().await;
    let csv = "Date,Payee,Amount\n2026-02-01,Coffee,-3.20\n2026-02-01,Coffee,-3.20\n";

    let first = import(&app, &user, csv, json!({})).await;
    let longer = format!("{csv}2026-02-01,Coffee,-3.20\n");
    let second = import(&app, &user, &longer, json!({})).await;

    assert_eq!(first["imported"], 2);
    assert_eq!(second["imported"], 1, "only the third coffee is new");
    assert_eq!(second["duplicates"], 2);
    assert_eq!(balance(&app, &user).await, "-9.60");
}

#[tokio::test]
async fn another_users_account_is_not_found() {
    let app = TestApp::spawn().await;
    let owner = app.signed_up_user().await;
    let intruder = app.signed_up_user().await;
    let input = json!({
        "accountId": app.default_account(&owner).await,
        "csv": "Date,Payee,Amount\n2026-02-01,Coffee,-3.20\n",
        "mapping": { "date": "Date", "description": "Payee", "amount": "Amount" },
    });

    let body = app
        .gql(Some(&intruder.token), IMPORT, json!({ "input": input }))
        .await;

    error_with_code(&body, "NOT_FOUND");
    assert_eq!(balance(&app, &owner).await, "0.00");
}

#[tokio::test]
async fn a_mapping_or_delimiter_the_file_does_not_fit_is_refused() {
    let app = TestApp::spawn().await;
    let user = app.signed_up_user().await;
    let csv = "Date,Payee,Amount\n2026-02-01,Coffee,-3.20\n";
    let cases = [
        (
            json!({ "mapping": { "date": "Date", "description": "Payee", "amount": "Sum" } }),
            "input.mapping.amount",
        ),
        (
            json!({ "mapping": { "date": "Date", "description": "Payee" } }),
            "input.mapping",
        ),
        (
            json!({ "mapping": { "date": "Date", "description": "Payee", "amount": "Amount",
            "debit": "Amount", "credit": "Amount" } }),
            "input.mapping",
        ),
        (json!({ "delimiter": "::" }), "input.delimiter"),
    ];
    for (options, field) in cases {
        let body = try_import(&app, &user, csv, options).await;

        let error = error_with_code(&body, "BAD_USER_INPUT");
        assert_eq!(error["extensions"]["field"], field, "{body}");
    }
}

#[tokio::test]
async fn files_over_the_size_or_row_limits_are_refused() {
    let app = TestApp::spawn_with(|config| config.max_body_bytes = 4 << 20).await;
    let user = app.signed_up_user().await;
    let row = "2026-02-01,Coffee,-3.20\n";
    let too_many_rows = format!("Date,Payee,Amount\n{}", row.repeat(10_001));
    let just_enough = format!("Date,Payee,Amount\n{}", row.repeat(10_000));
    let too_big = format!("Date,Payee,Amount\n{}", "x".repeat(2 << 20));

    for csv in [too_many_rows, too_big] {
        let body = try_import(&app, &user, &csv, json!({})).await;

        let error = error_with_code(&body, "BAD_USER_INPUT");
        assert_eq!(error["extensions"]["field"], "input.csv");
    }
    assert_eq!(balance(&app, &user).await, "0.00");
    let result = import(&app, &user, &just_enough, json!({})).await;
    assert_eq!(result["imported"], 10_000);
    assert_eq!(balance(&app, &user).await, "-32000.00");
}

#[tokio::test]
async fn a_moved_imported_row_leaves_its_fingerprint_behind() {
    let app = TestApp::spawn().await;
    let user = app.signed_up_user().await;
    let other = app.open_account(&user, "Other", "USD").await;
    let csv = "Date,Payee,Amount\r\n2026-01-01,Coffee,-3.00\r\n";
    let move_first = "mutation($id: UUID!, $to: UUID!) {
        updateTransaction(id: $id, input: { accountId: $to }) { id } }";

    for round in 0..2 {
        assert_eq!(import(&app, &user, csv, json!({})).await["imported"], 1);
        let listed = listed(&app, &user).await;
        let in_main: Vec<_> = listed
            .iter()
            .filter(|t| t["account"]["id"] != other.as_str())
            .collect();
        assert_eq!(in_main.len(), 1, "round {round}: {listed:?}");
        let data = app
            .ok(&user.token, "{ transactions(filter: { search: \"Coffee\" }) { edges { node { id account { id } } } } }", json!({}))
            .await;
        let id = data["transactions"]["edges"]
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["node"]["account"]["id"] != other.as_str())
            .unwrap()["node"]["id"]
            .clone();
        app.ok(&user.token, move_first, json!({ "id": id, "to": other }))
            .await;
    }
    assert_eq!(balance(&app, &user).await, "0.00");
}

#[tokio::test]
async fn a_file_of_bad_rows_lists_the_first_200_errors_and_counts_them_all() {
    let app = TestApp::spawn().await;
    let user = app.signed_up_user().await;
    let csv = format!(
        "Date,Payee,Amount\n{}",
        "not a date,Shop,-1.00\n".repeat(1_000)
    );
    let mutation = "mutation($input: ImportTransactionsInput!) {
        importTransactions(input: $input) { imported errorCount errors { row } } }";
    let input = json!({ "accountId": app.default_account(&user).await, "csv": csv,
        "mapping": { "date": "Date", "description": "Payee", "amount": "Amount" } });

    let data = app
        .ok(&user.token, mutation, json!({ "input": input }))
        .await;

    let result = &data["importTransactions"];
    assert_eq!(result["imported"], 0);
    assert_eq!(result["errorCount"], 1_000);
    let rows = result["errors"].as_array().unwrap();
    assert_eq!(rows.len(), 200);
    assert_eq!(rows[0]["row"], 2);
    assert_eq!(rows[199]["row"], 201);
}
