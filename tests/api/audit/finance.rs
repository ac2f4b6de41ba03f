//! Every create, update and delete of accounts, categories, budgets and valuations writes
//! exactly one audit event naming the entity (the ledger's writes: `audit_ledger`). The
//! helpers here serve both modules.

use serde_json::{Value, json};

use crate::audit::log::audit_log;
use crate::helpers::{TestApp, TestUser, error_with_code};

/// The user's finance events, oldest first, as `ACTION entityType entityId[ reason]`.
pub async fn finance_events(app: &TestApp, user: &TestUser) -> Vec<String> {
    let mut events: Vec<String> = audit_log(app, &user.token)
        .await
        .iter()
        .filter(|e| !e["entityType"].is_null())
        .map(|e| {
            let line = format!(
                "{} {} {}",
                e["action"].as_str().unwrap(),
                e["entityType"].as_str().unwrap(),
                e["entityId"].as_str().unwrap()
            );
            match e["reason"].as_str() {
                Some(reason) => format!("{line} {reason}"),
                None => line,
            }
        })
        .collect();
    events.reverse();
    events
}

/// Run a mutation that must succeed; returns the `data` of the named field.
pub async fn run(app: &TestApp, user: &TestUser, field: &str, query: &str, vars: Value) -> Value {
    app.ok(&user.token, query, vars).await[field].clone()
}

/// The `id` of a returned object.
pub fn id(value: &Value) -> String {
    value["id"].as_str().unwrap().to_owned()
}

const UPDATE_ACCOUNT: &str = "mutation($id: UUID!, $input: UpdateAccountInput!) {
    updateAccount(id: $id, input: $input) { id } }";
const DELETE_ACCOUNT: &str = "mutation($id: UUID!) { deleteAccount(id: $id) { id archived } }";
const CREATE_CATEGORY: &str =
    "mutation($input: CreateCategoryInput!) { createCategory(input: $input) { id } }";
const UPDATE_CATEGORY: &str = "mutation($id: UUID!, $input: UpdateCategoryInput!) {
    updateCategory(id: $id, input: $input) { id } }";
pub const DELETE_CATEGORY: &str = "mutation($id: UUID!, $to: UUID, $clear: Boolean) {
    deleteCategory(id: $id, reassignTo: $to, clearTransactions: $clear) { id } }";
pub const CREATE_TRANSACTION: &str =
    "mutation($input: CreateTransactionInput!) { createTransaction(input: $input) { id } }";
pub const UPDATE_TRANSACTION: &str = "mutation($id: UUID!, $input: UpdateTransactionInput!) {
    updateTransaction(id: $id, input: $input) { id } }";
pub const DELETE_TRANSACTION: &str = "mutation($id: UUID!) { deleteTransaction(id: $id) }";
pub const CREATE_TRANSFER: &str = "mutation($input: CreateTransferInput!) {
    createTransfer(input: $input) { id from { id } to { id } } }";

/// Variables of a `createTransaction` of `amount` in `account`.
pub fn spending(account: &str, amount: &str) -> Value {
    json!({ "input": { "accountId": account, "date": "2026-03-01", "amount": amount,
                       "description": "Shop" } })
}

#[tokio::test]
async fn account_writes_are_logged_once_each_and_an_archiving_delete_says_so() {
    let app = TestApp::spawn().await;
    let user = app.signed_up_user().await;
    let main = app.default_account(&user).await;
    let cash = app.open_account(&user, "Cash", "USD").await;
    let rename = json!({ "id": cash, "input": { "name": "Wallet" } });
    run(&app, &user, "updateAccount", UPDATE_ACCOUNT, rename).await;
    let to_default = |id: &str| json!({ "id": id, "input": { "isDefault": true } });
    run(
        &app,
        &user,
        "updateAccount",
        UPDATE_ACCOUNT,
        to_default(&cash),
    )
    .await;
    run(
        &app,
        &user,
        "updateAccount",
        UPDATE_ACCOUNT,
        to_default(&main),
    )
    .await;
    let taken = json!({ "id": cash, "input": { "name": "Main account" } });
    let refused = app.gql(Some(&user.token), UPDATE_ACCOUNT, taken).await;
    error_with_code(&refused, "CONFLICT");
    let spare = app.open_account(&user, "Spare", "USD").await;
    run(
        &app,
        &user,
        "deleteAccount",
        DELETE_ACCOUNT,
        json!({ "id": spare }),
    )
    .await;
    let input = spending(&cash, "-1.00");
    let spent = id(&run(&app, &user, "createTransaction", CREATE_TRANSACTION, input).await);
    let archived = run(
        &app,
        &user,
        "deleteAccount",
        DELETE_ACCOUNT,
        json!({ "id": cash }),
    )
    .await;
    assert_eq!(archived["archived"], true);

    assert_eq!(
        finance_events(&app, &user).await,
        [
            format!("CREATED account {cash}"),
            format!("UPDATED account {cash}"),
            format!("UPDATED account {cash}"),
            format!("UPDATED account {main}"),
            format!("CREATED account {spare}"),
            format!("DELETED account {spare}"),
            format!("CREATED transaction {spent}"),
            format!("UPDATED account {cash} ARCHIVED_ON_DELETE"),
        ]
    );
}

#[tokio::test]
async fn deleting_a_used_category_is_one_event_with_a_reason_not_one_per_transaction() {
    let app = TestApp::spawn().await;
    let user = app.signed_up_user().await;
    let main = app.default_account(&user).await;
    let category = |name: &str, parent: Option<&str>| json!({ "input": { "name": name, "kind": "EXPENSE", "parentId": parent } });
    let hobby = id(&run(
        &app,
        &user,
        "createCategory",
        CREATE_CATEGORY,
        category("Hobby", None),
    )
    .await);
    let child = category("Books", Some(&hobby));
    let books = id(&run(&app, &user, "createCategory", CREATE_CATEGORY, child).await);
    let rename = json!({ "id": hobby, "input": { "name": "Hobbies" } });
    run(&app, &user, "updateCategory", UPDATE_CATEGORY, rename).await;
    let unchanged = json!({ "id": hobby, "input": {} });
    run(&app, &user, "updateCategory", UPDATE_CATEGORY, unchanged).await;
    let mut input = spending(&main, "-5.00");
    input["input"]["categoryId"] = json!(books);
    let bought = id(&run(&app, &user, "createTransaction", CREATE_TRANSACTION, input).await);
    let cleared = json!({ "id": hobby, "clear": true });
    run(&app, &user, "deleteCategory", DELETE_CATEGORY, cleared).await;
    let games = id(&run(
        &app,
        &user,
        "createCategory",
        CREATE_CATEGORY,
        category("Games", None),
    )
    .await);
    let mut input = spending(&main, "-7.00");
    input["input"]["categoryId"] = json!(games);
    let played = id(&run(&app, &user, "createTransaction", CREATE_TRANSACTION, input).await);
    let groceries = app.category(&user, "Groceries").await;
    let moved = json!({ "id": games, "to": groceries });
    run(&app, &user, "deleteCategory", DELETE_CATEGORY, moved).await;
    let flights = app.category(&user, "Flights").await;
    let unused = json!({ "id": flights });
    run(&app, &user, "deleteCategory", DELETE_CATEGORY, unused).await;

    assert_eq!(
        finance_events(&app, &user).await,
        [
            format!("CREATED category {hobby}"),
            format!("CREATED category {books}"),
            format!("UPDATED category {hobby}"),
            format!("CREATED transaction {bought}"),
            format!("DELETED category {hobby} TRANSACTIONS_UNCATEGORIZED"),
            format!("CREATED category {games}"),
            format!("CREATED transaction {played}"),
            format!("DELETED category {games} TRANSACTIONS_MOVED"),
            format!("DELETED category {flights}"),
        ]
    );
}

#[tokio::test]
async fn budget_writes_are_logged_and_copying_logs_each_budget_it_created() {
    let app = TestApp::spawn().await;
    let user = app.signed_up_user().await;
    let set = "mutation($input: SetBudgetInput!) { setBudget(input: $input) { id } }";
    let budget = |category: &str, month: &str, amount: &str| json!({ "input": { "categoryId": category, "month": month, "amount": amount } });
    let rent = app.category(&user, "Rent").await;
    let food = app.category(&user, "Groceries").await;
    let jan_rent = id(&run(
        &app,
        &user,
        "setBudget",
        set,
        budget(&rent, "2026-01", "900"),
    )
    .await);
    let again = run(
        &app,
        &user,
        "setBudget",
        set,
        budget(&rent, "2026-01", "950"),
    )
    .await;
    assert_eq!(id(&again), jan_rent);
    let jan_food = id(&run(
        &app,
        &user,
        "setBudget",
        set,
        budget(&food, "2026-01", "300"),
    )
    .await);
    let feb_rent = id(&run(
        &app,
        &user,
        "setBudget",
        set,
        budget(&rent, "2026-02", "999"),
    )
    .await);
    let copy = "mutation { copyBudgets(month: \"2026-02\") { id category { id } } }";
    let copied = run(&app, &user, "copyBudgets", copy, json!({})).await;
    let feb_food = copied
        .as_array()
        .unwrap()
        .iter()
        .find(|b| b["category"]["id"] == food.as_str())
        .map(id)
        .unwrap();
    let delete = "mutation($id: UUID!) { deleteBudget(id: $id) }";
    run(
        &app,
        &user,
        "deleteBudget",
        delete,
        json!({ "id": jan_food }),
    )
    .await;

    assert_eq!(
        finance_events(&app, &user).await,
        [
            format!("CREATED budget {jan_rent}"),
            format!("UPDATED budget {jan_rent}"),
            format!("CREATED budget {jan_food}"),
            format!("CREATED budget {feb_rent}"),
            format!("CREATED budget {feb_food}"),
            format!("DELETED budget {jan_food}"),
        ]
    );
}

#[tokio::test]
async fn valuation_writes_are_logged_once_each() {
    let app = TestApp::spawn().await;
    let user = app.signed_up_user().await;
    let broker = app
        .create_account(&user, "Broker", "INVESTMENT", "USD", "0")
        .await;
    let set = "mutation($input: SetValuationInput!) { setValuation(input: $input) { id } }";
    let value = |amount: &str| json!({ "input": { "accountId": broker, "date": "2026-03-31", "value": amount } });
    let valued = id(&run(&app, &user, "setValuation", set, value("1000.00")).await);
    let revalued = run(&app, &user, "setValuation", set, value("1100.00")).await;
    assert_eq!(id(&revalued), valued);
    let delete = "mutation($id: UUID!) { deleteValuation(id: $id) }";
    run(
        &app,
        &user,
        "deleteValuation",
        delete,
        json!({ "id": valued }),
    )
    .await;

    assert_eq!(
        finance_events(&app, &user).await,
        [
            format!("CREATED account {broker}"),
            format!("CREATED valuation {valued}"),
            format!("UPDATED valuation {valued}"),
            format!("DELETED valuation {valued}"),
        ]
    );
}
