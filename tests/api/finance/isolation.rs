//! Nobody sees or changes a row that is not theirs. User A owns transactions in A's account
//! and category; user B tries to read, change, delete, list, filter, reference and traverse
//! them, and every attempt finds nothing (`NOT_FOUND`, an empty list), leaving A's rows as
//! they were.

use serde_json::{Value, json};

use crate::helpers::{TestApp, TestUser, error_with_code};

/// Every field of a transaction, with its account and category, to compare before and after.
const TRANSACTION: &str = "query($id: UUID!) { transaction(id: $id) {
    id date amount currency description notes createdAt updatedAt
    account { id name kind currency openingBalance balance isDefault archived }
    category { id name kind parentId parent { id name } } } }";

const UPDATE: &str = "mutation($id: UUID!, $input: UpdateTransactionInput!) {
    updateTransaction(id: $id, input: $input) { id } }";

const CREATE: &str = "mutation($input: CreateTransactionInput!) {
    createTransaction(input: $input) { id } }";

const COUNT: &str = "{ transactions { totalCount } }";

/// Two users; A has two transactions in A's default account, categorised "Groceries".
struct Scene {
    app: TestApp,
    a: TestUser,
    b: TestUser,
    a_account: String,
    a_category: String,
    a_parent_category: String,
    a_transactions: Vec<String>,
}

impl Scene {
    async fn new() -> Self {
        let app = TestApp::spawn().await;
        let a = app.signed_up_user().await;
        let b = app.signed_up_user().await;
        let a_account = app.default_account(&a).await;
        let a_category = app.category(&a, "Groceries").await;
        let a_parent_category = app.category(&a, "Personal running costs").await;
        let mut a_transactions = Vec::new();
        for (date, amount) in [("2026-01-10", "-42.50"), ("2026-01-12", "-7.25")] {
            let created = app
                .create_transaction(
                    &a,
                    json!({
                        "accountId": a_account, "categoryId": a_category, "date": date,
                        "amount": amount, "description": "A's shopping", "notes": "A's notes",
                    }),
                )
                .await;
            a_transactions.push(id_of(&created));
        }
        Self {
            app,
            a,
            b,
            a_account,
            a_category,
            a_parent_category,
            a_transactions,
        }
    }

    fn a_transaction(&self) -> &str {
        &self.a_transactions[0]
    }

    /// The full JSON of one of A's transactions, as A sees it.
    async fn as_a_sees(&self, id: &str) -> Value {
        self.app
            .ok(&self.a.token, TRANSACTION, json!({ "id": id }))
            .await
    }

    /// A transaction of B's own, in B's default account and category.
    async fn b_transaction(&self) -> String {
        let account = self.app.default_account(&self.b).await;
        let category = self.app.category(&self.b, "Restaurants").await;
        let created = self
            .app
            .create_transaction(
                &self.b,
                json!({
                    "accountId": account, "categoryId": category, "date": "2026-01-11",
                    "amount": "-15.00", "description": "B's dinner",
                }),
            )
            .await;
        id_of(&created)
    }

    /// The full JSON of one of B's transactions, as B sees it.
    async fn as_b_sees(&self, id: &str) -> Value {
        self.app
            .ok(&self.b.token, TRANSACTION, json!({ "id": id }))
            .await
    }

    async fn total_count(&self, user: &TestUser) -> i64 {
        let data = self.app.ok(&user.token, COUNT, json!({})).await;
        data["transactions"]["totalCount"]
            .as_i64()
            .expect("a totalCount")
    }

    /// Run `query` as B; it must fail with exactly one `NOT_FOUND`.
    async fn b_is_told_not_found(&self, query: &str, variables: Value, case: &str) {
        let body = self.app.gql(Some(&self.b.token), query, variables).await;
        error_with_code(&body, "NOT_FOUND");
        assert_eq!(body["data"], Value::Null, "{case}: no data for B: {body}");
    }

    /// The ids of B's transactions matching `filter`, and their total count.
    async fn b_filtered(&self, filter: Value) -> (Vec<String>, i64) {
        let data = self
            .app
            .ok(
                &self.b.token,
                "query($filter: TransactionFilter) { transactions(filter: $filter) {
                    totalCount edges { node { id } } } }",
                json!({ "filter": filter }),
            )
            .await;
        let ids = data["transactions"]["edges"]
            .as_array()
            .expect("edges")
            .iter()
            .map(|edge| id_of(&edge["node"]))
            .collect();
        let total = data["transactions"]["totalCount"]
            .as_i64()
            .expect("a totalCount");
        (ids, total)
    }
}

fn id_of(value: &Value) -> String {
    value["id"]
        .as_str()
        .unwrap_or_else(|| panic!("no id in {value}"))
        .to_owned()
}

/// Every string under `value` that is the value of an `id` key.
fn all_ids(value: &Value) -> Vec<String> {
    let mut ids = Vec::new();
    collect_ids(value, &mut ids);
    ids
}

fn collect_ids(value: &Value, ids: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            for (key, child) in map {
                match (key.as_str(), child) {
                    ("id" | "parentId", Value::String(id)) => ids.push(id.clone()),
                    _ => collect_ids(child, ids),
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|item| collect_ids(item, ids)),
        _ => {}
    }
}

// --- Reading, changing and deleting A's rows by id ------------------------------------------

#[tokio::test]
async fn another_users_transaction_is_not_found_exactly_like_a_missing_one() {
    let scene = Scene::new().await;
    let query = "query($id: UUID!) { transaction(id: $id) { id description } }";

    let theirs = scene
        .app
        .gql(
            Some(&scene.b.token),
            query,
            json!({ "id": scene.a_transaction() }),
        )
        .await;
    let missing = scene
        .app
        .gql(
            Some(&scene.b.token),
            query,
            json!({ "id": uuid::Uuid::now_v7().to_string() }),
        )
        .await;

    error_with_code(&theirs, "NOT_FOUND");
    assert_eq!(theirs["data"], Value::Null, "no data: {theirs}");
    assert_eq!(
        theirs, missing,
        "another user's row must be indistinguishable from a missing one"
    );
}

#[tokio::test]
async fn updating_another_users_transaction_is_not_found_and_changes_nothing() {
    let scene = Scene::new().await;
    let before = scene.as_a_sees(scene.a_transaction()).await;

    let input = json!({ "amount": "-1000.00", "description": "B was here", "notes": null,
                        "categoryId": null, "date": "2020-01-01" });
    scene
        .b_is_told_not_found(
            UPDATE,
            json!({ "id": scene.a_transaction(), "input": input }),
            "update A's transaction",
        )
        .await;

    assert_eq!(scene.as_a_sees(scene.a_transaction()).await, before);
}

#[tokio::test]
async fn deleting_another_users_transaction_is_not_found_and_deletes_nothing() {
    let scene = Scene::new().await;
    let before = scene.as_a_sees(scene.a_transaction()).await;

    scene
        .b_is_told_not_found(
            "mutation($id: UUID!) { deleteTransaction(id: $id) }",
            json!({ "id": scene.a_transaction() }),
            "delete A's transaction",
        )
        .await;

    assert_eq!(scene.as_a_sees(scene.a_transaction()).await, before);
    assert_eq!(scene.total_count(&scene.a).await, 2, "A still has both");
}

#[tokio::test]
async fn another_users_account_is_not_found() {
    let scene = Scene::new().await;

    scene
        .b_is_told_not_found(
            "query($id: UUID!) { account(id: $id) { id name balance } }",
            json!({ "id": scene.a_account }),
            "A's account",
        )
        .await;
}

// --- Lists ----------------------------------------------------------------------------------

#[tokio::test]
async fn the_transactions_list_holds_only_the_viewers_own_rows() {
    let scene = Scene::new().await;
    let own = scene.b_transaction().await;

    let (ids, total) = scene.b_filtered(json!({})).await;

    assert_eq!(ids, [own], "B lists only B's transaction");
    assert_eq!(total, 1, "B's totalCount counts only B's rows");
    assert_eq!(scene.total_count(&scene.a).await, 2, "A's count is A's");
}

#[tokio::test]
async fn the_accounts_and_categories_lists_hold_none_of_another_users_ids() {
    let scene = Scene::new().await;
    let a_accounts = scene
        .app
        .ok(&scene.a.token, "{ accounts { id } }", json!({}))
        .await;
    let a_categories = scene
        .app
        .ok(
            &scene.a.token,
            "{ categories { id parentId children { id parentId } } }",
            json!({}),
        )
        .await;
    let a_ids: Vec<String> = [all_ids(&a_accounts), all_ids(&a_categories)].concat();

    let b_accounts = scene
        .app
        .ok(&scene.b.token, "{ accounts { id } }", json!({}))
        .await;
    let b_categories = scene
        .app
        .ok(
            &scene.b.token,
            "{ categories { id parentId children { id parentId parent { id } } } }",
            json!({}),
        )
        .await;

    assert!(a_ids.contains(&scene.a_account) && a_ids.contains(&scene.a_category));
    let b_ids = [all_ids(&b_accounts), all_ids(&b_categories)].concat();
    assert!(!b_ids.is_empty(), "B has their own accounts and categories");
    for id in &b_ids {
        assert!(!a_ids.contains(id), "B sees A's id {id}");
    }
}

// --- Referencing A's account or category from B's writes ------------------------------------

#[tokio::test]
async fn creating_a_transaction_in_another_users_account_is_not_found_and_creates_nothing() {
    let scene = Scene::new().await;
    let input = json!({ "accountId": scene.a_account, "date": "2026-01-20",
                        "amount": "-5.00", "description": "into A's account" });

    scene
        .b_is_told_not_found(CREATE, json!({ "input": input }), "A's accountId")
        .await;

    assert_eq!(scene.total_count(&scene.b).await, 0, "nothing for B");
    assert_eq!(scene.total_count(&scene.a).await, 2, "nothing for A");
}

#[tokio::test]
async fn creating_a_transaction_in_another_users_category_is_not_found_and_creates_nothing() {
    let scene = Scene::new().await;
    let input = json!({ "categoryId": scene.a_category, "date": "2026-01-20",
                        "amount": "-5.00", "description": "in A's category" });

    scene
        .b_is_told_not_found(CREATE, json!({ "input": input }), "A's categoryId")
        .await;

    assert_eq!(scene.total_count(&scene.b).await, 0, "nothing for B");
    assert_eq!(scene.total_count(&scene.a).await, 2, "nothing for A");
}

#[tokio::test]
async fn moving_ones_own_transaction_to_another_users_account_is_not_found_and_changes_nothing() {
    let scene = Scene::new().await;
    let own = scene.b_transaction().await;
    let before = scene.as_b_sees(&own).await;
    let a_before = scene.as_a_sees(scene.a_transaction()).await;

    scene
        .b_is_told_not_found(
            UPDATE,
            json!({ "id": own, "input": { "accountId": scene.a_account } }),
            "move to A's account",
        )
        .await;

    assert_eq!(scene.as_b_sees(&own).await, before, "B's row unchanged");
    assert_eq!(scene.as_a_sees(scene.a_transaction()).await, a_before);
}

#[tokio::test]
async fn moving_ones_own_transaction_to_another_users_category_is_not_found_and_changes_nothing() {
    let scene = Scene::new().await;
    let own = scene.b_transaction().await;
    let before = scene.as_b_sees(&own).await;

    for category in [&scene.a_category, &scene.a_parent_category] {
        scene
            .b_is_told_not_found(
                UPDATE,
                json!({ "id": own, "input": { "categoryId": category } }),
                "move to A's category",
            )
            .await;
    }

    assert_eq!(scene.as_b_sees(&own).await, before, "B's row unchanged");
}

// --- Filters and traversal ------------------------------------------------------------------

#[tokio::test]
async fn filtering_by_another_users_account_finds_nothing() {
    let scene = Scene::new().await;
    scene.b_transaction().await;

    let (ids, total) = scene
        .b_filtered(json!({ "accountIds": [scene.a_account] }))
        .await;

    assert!(ids.is_empty(), "B got rows through A's account: {ids:?}");
    assert_eq!(total, 0);
}

#[tokio::test]
async fn filtering_by_another_users_category_or_its_parent_finds_nothing() {
    let scene = Scene::new().await;
    scene.b_transaction().await;

    for category in [&scene.a_category, &scene.a_parent_category] {
        let (ids, total) = scene.b_filtered(json!({ "categoryIds": [category] })).await;

        assert!(ids.is_empty(), "B got rows through A's category: {ids:?}");
        assert_eq!(total, 0, "count through A's category {category}");
    }
}

#[tokio::test]
async fn traversing_listed_transactions_reaches_only_the_viewers_own_account_and_categories() {
    let scene = Scene::new().await;
    scene.b_transaction().await;
    let a_side = scene.as_a_sees(scene.a_transaction()).await;
    let a_ids = all_ids(&a_side);

    let data = scene
        .app
        .ok(
            &scene.b.token,
            "{ transactions { edges { node { id account { id }
                category { id parentId parent { id children { id } } } } } } }",
            json!({}),
        )
        .await;

    let reached = all_ids(&data);
    assert!(
        reached.len() >= 4,
        "B reaches their row, account and categories: {data}"
    );
    for id in &reached {
        assert!(!a_ids.contains(id), "B reached A's id {id}: {data}");
    }
    for id in &scene.a_transactions {
        assert!(!reached.contains(id), "B reached A's transaction {id}");
    }
}

// --- Editing accounts and categories ----------------------------------------------------

/// Every field of an account, to compare before and after.
const ACCOUNT: &str = "query($id: UUID!) { account(id: $id) {
    id name kind currency institution openingBalance balance isDefault archived createdAt } }";

const CREATE_ACCOUNT: &str = "mutation($input: CreateAccountInput!) {
    createAccount(input: $input) { id name } }";

const CREATE_CATEGORY: &str = "mutation($input: CreateCategoryInput!) {
    createCategory(input: $input) { id name } }";

const UPDATE_CATEGORY: &str = "mutation($id: UUID!, $input: UpdateCategoryInput!) {
    updateCategory(id: $id, input: $input) { id name } }";

/// The whole category tree of `user`.
const TREE: &str = "{ categories { id name kind parentId children { id name kind parentId } } }";

impl Scene {
    async fn account_as_a_sees(&self) -> Value {
        self.app
            .ok(&self.a.token, ACCOUNT, json!({ "id": self.a_account }))
            .await
    }

    async fn tree_of(&self, user: &TestUser) -> Value {
        self.app.ok(&user.token, TREE, json!({})).await
    }

    async fn accounts_of(&self, user: &TestUser) -> Value {
        self.app
            .ok(&user.token, "{ accounts { id name } }", json!({}))
            .await
    }
}

#[tokio::test]
async fn updating_another_users_account_is_not_found_and_changes_nothing() {
    let scene = Scene::new().await;
    let before = scene.account_as_a_sees().await;

    let input = json!({ "name": "B was here", "kind": "LOAN", "institution": "B's bank",
                        "openingBalance": "1000000.00" });
    scene
        .b_is_told_not_found(
            "mutation($id: UUID!, $input: UpdateAccountInput!) {
                updateAccount(id: $id, input: $input) { id name } }",
            json!({ "id": scene.a_account, "input": input }),
            "update A's account",
        )
        .await;

    assert_eq!(
        scene.account_as_a_sees().await,
        before,
        "A's account keeps its name, kind, institution and balance"
    );
}

#[tokio::test]
async fn renaming_another_users_category_is_not_found_and_changes_nothing() {
    let scene = Scene::new().await;
    let before = scene.tree_of(&scene.a).await;

    for category in [&scene.a_category, &scene.a_parent_category] {
        scene
            .b_is_told_not_found(
                UPDATE_CATEGORY,
                json!({ "id": category, "input": { "name": "B was here" } }),
                "rename A's category",
            )
            .await;
    }

    assert_eq!(
        scene.tree_of(&scene.a).await,
        before,
        "A's categories keep their names"
    );
}

#[tokio::test]
async fn creating_a_category_under_another_users_category_is_not_found_and_adds_no_child() {
    let scene = Scene::new().await;
    let a_before = scene.tree_of(&scene.a).await;
    let b_before = scene.tree_of(&scene.b).await;

    scene
        .b_is_told_not_found(
            CREATE_CATEGORY,
            json!({ "input": { "name": "B's child", "parentId": scene.a_parent_category } }),
            "A's category as parent",
        )
        .await;

    assert_eq!(
        scene.tree_of(&scene.a).await,
        a_before,
        "A's category gains no child"
    );
    assert_eq!(
        scene.tree_of(&scene.b).await,
        b_before,
        "B gains no category either"
    );
}

#[tokio::test]
async fn account_names_are_unique_per_user_not_across_users() {
    let scene = Scene::new().await;
    let input =
        json!({ "input": { "name": "Holiday fund", "kind": "SAVINGS", "currency": "EUR" } });
    let a_created = scene
        .app
        .ok(&scene.a.token, CREATE_ACCOUNT, input.clone())
        .await;

    let body = scene
        .app
        .gql(Some(&scene.b.token), CREATE_ACCOUNT, input)
        .await;

    assert!(
        body.get("errors").is_none(),
        "A's account name does not block B's: {body}"
    );
    let b_created = &body["data"]["createAccount"];
    assert_eq!(b_created["name"], "Holiday fund");
    assert_ne!(
        b_created["id"], a_created["createAccount"]["id"],
        "B gets an account of their own"
    );
}

#[tokio::test]
async fn another_users_new_account_and_categories_never_appear_for_the_viewer() {
    let scene = Scene::new().await;
    let a_accounts = scene.accounts_of(&scene.a).await;
    let a_tree = scene.tree_of(&scene.a).await;
    let b_parent = scene.app.category(&scene.b, "Personal running costs").await;

    let account = scene
        .app
        .ok(
            &scene.b.token,
            CREATE_ACCOUNT,
            json!({ "input": { "name": "B's savings", "kind": "SAVINGS", "currency": "USD" } }),
        )
        .await;
    let top = scene
        .app
        .ok(
            &scene.b.token,
            CREATE_CATEGORY,
            json!({ "input": { "name": "B's hobby", "kind": "EXPENSE" } }),
        )
        .await;
    let child = scene
        .app
        .ok(
            &scene.b.token,
            CREATE_CATEGORY,
            json!({ "input": { "name": "B's pets", "parentId": b_parent } }),
        )
        .await;

    assert_eq!(
        scene.accounts_of(&scene.a).await,
        a_accounts,
        "A's accounts are A's"
    );
    assert_eq!(
        scene.tree_of(&scene.a).await,
        a_tree,
        "A's categories are A's"
    );
    let account_id = &account["createAccount"]["id"];
    let by_id = scene
        .app
        .gql(Some(&scene.a.token), ACCOUNT, json!({ "id": account_id }))
        .await;
    error_with_code(&by_id, "NOT_FOUND");
    for category in [&top["createCategory"]["id"], &child["createCategory"]["id"]] {
        let body = scene
            .app
            .gql(
                Some(&scene.a.token),
                UPDATE_CATEGORY,
                json!({ "id": category, "input": { "name": "A was here" } }),
            )
            .await;
        error_with_code(&body, "NOT_FOUND");
    }
}
