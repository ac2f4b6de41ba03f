//! The ledger's writes in the audit log: each create, update and delete of a transaction or
//! transfer is one event, an import that wrote rows is one, an idempotent retry adds none,
//! and a refused write leaves none (its event is rolled back with it).

use serde_json::{Value, json};

use crate::audit::finance::{
    CREATE_TRANSACTION, CREATE_TRANSFER, DELETE_CATEGORY, DELETE_TRANSACTION, UPDATE_TRANSACTION,
    finance_events, id, run, spending,
};
use crate::finance::imports::try_import;
use crate::helpers::{TestApp, error_with_code};
#[tokio::test]
async fn transaction_writes_are_logged_once_each_and_a_retried_create_adds_nothing() {
    let app = TestApp::spawn().await;
    let user = app.signed_up_user().await;
    let main = app.default_account(&user).await;
    let input = spending(&main, "-3.00");
    let bought = id(&run(&app, &user, "createTransaction", CREATE_TRANSACTION, input).await);
    let change = json!({ "id": bought, "input": { "description": "Corner shop" } });
    run(&app, &user, "updateTransaction", UPDATE_TRANSACTION, change).await;
    run(
        &app,
        &user,
        "deleteTransaction",
        DELETE_TRANSACTION,
        json!({ "id": bought }),
    )
    .await;
    let mut keyed = spending(&main, "-4.00");
    keyed["input"]["idempotencyKey"] = json!("lunch-1");
    let first = run(
        &app,
        &user,
        "createTransaction",
        CREATE_TRANSACTION,
        keyed.clone(),
    )
    .await;
    let retried = run(
        &app,
        &user,
        "createTransaction",
        CREATE_TRANSACTION,
        keyed.clone(),
    )
    .await;
    assert_eq!(retried, first);
    let racing = app
        .all_at_once(&user, CREATE_TRANSACTION, vec![keyed; 4])
        .await;
    assert!(
        racing
            .iter()
            .all(|b| b["data"]["createTransaction"] == first)
    );
    let lunch = id(&first);

    assert_eq!(
        finance_events(&app, &user).await,
        [
            format!("CREATED transaction {bought}"),
            format!("UPDATED transaction {bought}"),
            format!("DELETED transaction {bought}"),
            format!("CREATED transaction {lunch}"),
        ]
    );
}

#[tokio::test]
async fn transfer_writes_are_logged_as_the_transfer_whichever_leg_is_changed() {
    let app = TestApp::spawn().await;
    let user = app.signed_up_user().await;
    let main = app.default_account(&user).await;
    let savings = app.open_account(&user, "Savings", "USD").await;
    let transfer = |key: &str| {
        json!({ "input": { "fromAccountId": main, "toAccountId": savings, "amount": "10.00",
                           "date": "2026-03-02", "description": "Save", "idempotencyKey": key } })
    };
    let first = run(
        &app,
        &user,
        "createTransfer",
        CREATE_TRANSFER,
        transfer("save-1"),
    )
    .await;
    let retried = run(
        &app,
        &user,
        "createTransfer",
        CREATE_TRANSFER,
        transfer("save-1"),
    )
    .await;
    assert_eq!(retried, first);
    let moved = id(&first);
    let update =
        "mutation($id: UUID!) { updateTransfer(id: $id, input: { amount: \"12.00\" }) { id } }";
    run(
        &app,
        &user,
        "updateTransfer",
        update,
        json!({ "id": moved }),
    )
    .await;
    let leg = first["to"]["id"].clone();
    let change = json!({ "id": leg, "input": { "description": "Saving" } });
    run(&app, &user, "updateTransaction", UPDATE_TRANSACTION, change).await;
    run(
        &app,
        &user,
        "deleteTransaction",
        DELETE_TRANSACTION,
        json!({ "id": leg }),
    )
    .await;
    let second = id(&run(
        &app,
        &user,
        "createTransfer",
        CREATE_TRANSFER,
        transfer("save-2"),
    )
    .await);
    let delete = "mutation($id: UUID!) { deleteTransfer(id: $id) }";
    run(
        &app,
        &user,
        "deleteTransfer",
        delete,
        json!({ "id": second }),
    )
    .await;

    assert_eq!(
        finance_events(&app, &user).await,
        [
            format!("CREATED account {savings}"),
            format!("CREATED transfer {moved}"),
            format!("UPDATED transfer {moved}"),
            format!("UPDATED transfer {moved}"),
            format!("DELETED transfer {moved}"),
            format!("CREATED transfer {second}"),
            format!("DELETED transfer {second}"),
        ]
    );
}

#[tokio::test]
async fn an_import_that_wrote_rows_is_one_event_and_one_that_wrote_none_is_no_event() {
    let app = TestApp::spawn().await;
    let user = app.signed_up_user().await;
    let main = app.default_account(&user).await;
    let csv = "Date,Payee,Amount\n2026-01-01,Shop,-1.00\n2026-01-02,Cafe,-2.00\n";
    let imported = try_import(&app, &user, csv, json!({})).await;
    assert_eq!(imported["data"]["importTransactions"]["imported"], 2);
    let again = try_import(&app, &user, csv, json!({})).await;
    assert_eq!(again["data"]["importTransactions"]["duplicates"], 2);
    let partly_bad = "Date,Payee,Amount\n2026-01-03,Bus,-1.50\nyesterday,Bad,-1\n";
    let partial = try_import(&app, &user, partly_bad, json!({ "allOrNothing": false })).await;
    assert_eq!(partial["data"]["importTransactions"]["imported"], 1);

    assert_eq!(
        finance_events(&app, &user).await,
        [
            format!("IMPORTED account {main}"),
            format!("IMPORTED account {main}"),
        ]
    );
}

#[tokio::test]
async fn a_refused_write_leaves_no_event() {
    let app = TestApp::spawn().await;
    let user = app.signed_up_user().await;
    let stranger = app.signed_up_user().await;
    let main = app.default_account(&user).await;
    let theirs = app.default_account(&stranger).await;
    let their_category = app.category(&stranger, "Rent").await;
    let refused = |body: &Value, code: &str| {
        error_with_code(body, code);
    };
    let too_much = spending(&main, "1000000000000000.01");
    let body = app
        .gql(Some(&user.token), CREATE_TRANSACTION, too_much)
        .await;
    refused(&body, "BAD_USER_INPUT");
    let foreign_account = spending(&theirs, "-1.00");
    let body = app
        .gql(Some(&user.token), CREATE_TRANSACTION, foreign_account)
        .await;
    refused(&body, "NOT_FOUND");
    let mut foreign_category = spending(&main, "-1.00");
    foreign_category["input"]["categoryId"] = json!(their_category);
    let body = app
        .gql(Some(&user.token), CREATE_TRANSACTION, foreign_category)
        .await;
    refused(&body, "NOT_FOUND");
    let savings = app.open_account(&user, "Savings", "USD").await;
    let transfer = json!({ "input": { "fromAccountId": main, "toAccountId": savings,
        "amount": "1000000000000000.01", "date": "2026-03-02", "description": "Save" } });
    let body = app.gql(Some(&user.token), CREATE_TRANSFER, transfer).await;
    refused(&body, "BAD_USER_INPUT");
    let bad_file = "Date,Payee,Amount\n2026-01-01,Shop,-1.00\nyesterday,Bad,-1\n";
    let body = try_import(&app, &user, bad_file, json!({})).await;
    assert_eq!(body["data"]["importTransactions"]["imported"], 0, "{body}");
    let groceries = app.category(&user, "Groceries").await;
    let mut input = spending(&main, "-2.00");
    input["input"]["categoryId"] = json!(groceries);
    let bought = id(&run(&app, &user, "createTransaction", CREATE_TRANSACTION, input).await);
    let body = app
        .gql(
            Some(&user.token),
            DELETE_CATEGORY,
            json!({ "id": groceries }),
        )
        .await;
    refused(&body, "BAD_USER_INPUT");

    assert_eq!(
        finance_events(&app, &user).await,
        [
            format!("CREATED account {savings}"),
            format!("CREATED transaction {bought}"),
        ]
    );
}
