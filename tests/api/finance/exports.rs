//! `exportTransactions` (CSV: header, quoting, formula guards, filters, scoping, round trip
//! through `importTransactions`) and `exportMyData` (everything of the viewer, and only that).

use serde_json::{Value, json};

use crate::finance::imports::import;
use crate::helpers::{TestApp, TestUser};

const EXPORT: &str = "query($filter: TransactionFilter) { exportTransactions(filter: $filter) }";
const HEADER: &str = "date,account,category,description,amount,currency,tags,notes,id\r\n";

async fn export(app: &TestApp, user: &TestUser, filter: Value) -> String {
    let data = app
        .ok(&user.token, EXPORT, json!({ "filter": filter }))
        .await;
    data["exportTransactions"].as_str().unwrap().to_owned()
}

async fn my_data(app: &TestApp, user: &TestUser) -> Value {
    app.ok(&user.token, "{ exportMyData }", json!({})).await["exportMyData"].clone()
}

/// The cells of each data row but the last (the id).
fn rows_without_ids(csv: &str) -> Vec<String> {
    csv.strip_prefix(HEADER)
        .unwrap()
        .split_terminator("\r\n")
        .map(|line| line.rsplit_once(',').unwrap().0.to_owned())
        .collect()
}

#[tokio::test]
async fn text_cells_are_quoted_and_guarded_against_formulas() {
    let app = TestApp::spawn().await;
    let user = app.signed_up_user().await;
    for (day, description) in [
        ("01", "=SUM(A1)"),
        ("02", "+1"),
        ("03", "-x"),
        ("04", "@cmd"),
        ("05", "Say \"hi\", then"),
    ] {
        let input = json!({ "date": format!("2026-03-{day}"), "amount": "-1.50",
            "description": description });
        app.create_transaction(&user, input).await;
    }
    let input = json!({ "date": "2026-03-06", "amount": "2.00", "description": "Notes",
        "notes": "line one\nline two" });
    app.create_transaction(&user, input).await;

    let csv = export(&app, &user, Value::Null).await;

    assert!(csv.starts_with(HEADER), "{csv}");
    assert_eq!(
        rows_without_ids(&csv),
        vec![
            "2026-03-01,Main account,,'=SUM(A1),-1.50,USD,,",
            "2026-03-02,Main account,,'+1,-1.50,USD,,",
            "2026-03-03,Main account,,'-x,-1.50,USD,,",
            "2026-03-04,Main account,,'@cmd,-1.50,USD,,",
            "2026-03-05,Main account,,\"Say \"\"hi\"\", then\",-1.50,USD,,",
            "2026-03-06,Main account,,Notes,2.00,USD,,\"line one\nline two\"",
        ]
    );
}

#[tokio::test]
async fn the_export_holds_only_the_viewers_rows_matching_the_filter() {
    let app = TestApp::spawn().await;
    let user = app.signed_up_user().await;
    let other = app.signed_up_user().await;
    for (date, description) in [("2026-01-10", "January"), ("2026-02-10", "February")] {
        let input = json!({ "date": date, "amount": "-1.00", "description": description });
        app.create_transaction(&user, input.clone()).await;
        let secret = json!({ "date": date, "amount": "-9.00", "description": "Secret" });
        app.create_transaction(&other, secret).await;
    }

    let everything = export(&app, &user, Value::Null).await;
    let february = export(&app, &user, json!({ "dateFrom": "2026-02-01" })).await;
    let searched = export(&app, &user, json!({ "search": "secret" })).await;

    assert!(!everything.contains("Secret"), "{everything}");
    assert_eq!(rows_without_ids(&everything).len(), 2);
    assert_eq!(
        rows_without_ids(&february),
        vec!["2026-02-10,Main account,,February,-1.00,USD,,"]
    );
    assert_eq!(searched, HEADER);
}

#[tokio::test]
async fn an_export_imports_back_as_the_same_rows() {
    let app = TestApp::spawn().await;
    let user = app.signed_up_user().await;
    let csv = "Date,Payee,Amount,Category,Memo,Tags\n\
               2026-04-01,=cmd|' /C calc'!A0,-5.00,Housing / Rent,\"a, b\",\"-x,tax\"\n\
               2026-04-02,Salary April,3000.00,Salary,,\n\
               2026-04-02,Salary April,3000.00,Salary,,\n\
               2026-04-03,\"Quote \"\" and, comma\",-0.99,Groceries,\"multi\nline\",food\n\
               2026-04-04,''=not a formula,-1.00,,,\n";
    let mapping = json!({ "mapping": { "date": "Date", "description": "Payee",
        "amount": "Amount", "category": "Category", "notes": "Memo", "tags": "Tags" } });
    assert_eq!(import(&app, &user, csv, mapping).await["imported"], 5);
    let first = export(&app, &user, Value::Null).await;
    let copy = app
        .ok(
            &user.token,
            r#"mutation { createAccount(input: {name: "Copy", kind: CASH, currency: "USD"}) { id } }"#,
            json!({}),
        )
        .await;
    let copy_id = copy["createAccount"]["id"].clone();

    let mut input = json!({ "accountId": copy_id, "csv": first, "mapping": { "date": "date",
        "description": "description", "amount": "amount", "category": "category",
        "notes": "notes", "tags": "tags" } });
    let mutation = "mutation($input: ImportTransactionsInput!) {
        importTransactions(input: $input) { imported duplicates errors { row message } } }";
    let result = app
        .ok(&user.token, mutation, json!({ "input": input.take() }))
        .await;

    assert_eq!(result["importTransactions"]["imported"], 5, "{result}");
    let second = export(&app, &user, json!({ "accountIds": [copy_id] })).await;
    let expected: Vec<String> = rows_without_ids(&first)
        .iter()
        .map(|row| row.replacen(",Main account,", ",Copy,", 1))
        .collect();
    assert_eq!(rows_without_ids(&second), expected);
    let data = my_data(&app, &user).await;
    let accounts = data["accounts"].as_array().unwrap();
    let copied = accounts.iter().find(|a| a["id"] == copy_id).unwrap();
    assert_eq!(copied["balance"], "5993.01");
    assert!(second.contains(",''=not a formula,"), "{second}");
}

#[tokio::test]
async fn my_data_holds_everything_of_the_viewer_and_nothing_else() {
    let app = TestApp::spawn().await;
    let user = app.signed_up_user().await;
    let other = app.signed_up_user().await;
    let mine = app
        .create_transaction(
            &user,
            json!({ "date": "2026-05-01", "amount": "-4.20",
            "description": "Mine" }),
        )
        .await;
    let theirs = app
        .create_transaction(
            &other,
            json!({ "date": "2026-05-01", "amount": "-7.00",
            "description": "Theirs" }),
        )
        .await;

    let data = my_data(&app, &user).await;

    assert_eq!(data["profile"]["id"], user.id.as_str());
    assert_eq!(data["profile"]["email"], user.email.as_str());
    assert_eq!(data["profile"]["baseCurrency"], "USD");
    let text = data.to_string();
    assert!(!text.to_lowercase().contains("password"), "{text}");
    assert!(!text.contains("$2"), "no bcrypt hash: {text}");
    assert!(!text.contains(theirs["id"].as_str().unwrap()));
    assert!(!text.contains(&other.id));
    let transactions = data["transactions"].as_array().unwrap();
    assert_eq!(transactions.len(), 1);
    assert_eq!(transactions[0]["id"], mine["id"]);
    assert_eq!(transactions[0]["amount"], "-4.20");
    assert_eq!(transactions[0]["tags"], json!([]));
    assert_eq!(transactions[0]["transferId"], Value::Null);
    let accounts = data["accounts"].as_array().unwrap();
    assert_eq!(accounts.len(), 1);
    assert_eq!(accounts[0]["balance"], "-4.20");
    assert_eq!(data["budgets"], json!([]));
    assert_eq!(data["valuations"], json!([]));
    let categories = data["categories"].as_array().unwrap();
    assert!(categories.iter().any(|c| c["name"] == "Groceries"));
}
