//! Categories: adding top-level categories and sub-categories (`createCategory`), renaming
//! them (`updateCategory`), and the rules of the two-level tree: kinds, parents and names.

use serde_json::{Value, json};

use crate::helpers::{TestApp, TestUser, error_with_code};

const FIELDS: &str = "id name kind parentId parent { id name } children { id name }";

const TREE: &str = "{ categories { id name kind parentId children { id name kind parentId } } }";

fn create_mutation() -> String {
    format!(
        "mutation($input: CreateCategoryInput!) {{ createCategory(input: $input) {{ {FIELDS} }} }}"
    )
}

fn update_mutation() -> String {
    format!(
        "mutation($id: UUID!, $input: UpdateCategoryInput!) {{
            updateCategory(id: $id, input: $input) {{ {FIELDS} }} }}"
    )
}

async fn try_create(app: &TestApp, user: &TestUser, input: Value) -> Value {
    app.gql(
        Some(&user.token),
        &create_mutation(),
        json!({ "input": input }),
    )
    .await
}

/// Create a category that must succeed; returns it with all of `FIELDS`.
async fn create(app: &TestApp, user: &TestUser, input: Value) -> Value {
    let body = try_create(app, user, input).await;
    assert!(
        body.get("errors").is_none(),
        "createCategory failed: {body}"
    );
    body["data"]["createCategory"].clone()
}

async fn try_rename(app: &TestApp, user: &TestUser, id: &str, name: &str) -> Value {
    app.gql(
        Some(&user.token),
        &update_mutation(),
        json!({ "id": id, "input": { "name": name } }),
    )
    .await
}

/// The user's whole category tree, as `categories` lists it.
async fn tree(app: &TestApp, user: &TestUser) -> Vec<Value> {
    let data = app.ok(&user.token, TREE, json!({})).await;
    data["categories"].as_array().expect("categories").clone()
}

/// The top-level category of this name in `tree`.
fn top_level<'a>(tree: &'a [Value], name: &str) -> &'a Value {
    tree.iter()
        .find(|c| c["name"] == name)
        .unwrap_or_else(|| panic!("no top-level category {name} in {tree:?}"))
}

/// The names of a top-level category's children, in display order.
fn child_names(parent: &Value) -> Vec<String> {
    parent["children"]
        .as_array()
        .expect("children")
        .iter()
        .map(|c| c["name"].as_str().expect("a name").to_owned())
        .collect()
}

/// The response must be one error with this code naming `field`.
fn assert_error_on(body: &Value, code: &str, field: &str, why: &str) {
    let error = error_with_code(body, code);
    assert_eq!(
        error["extensions"]["field"], field,
        "{why}: expected {code} on {field}: {body}"
    );
}

// --- Create ---------------------------------------------------------------------------

#[tokio::test]
async fn a_new_top_level_category_comes_last_in_the_list_with_no_children() {
    let app = TestApp::spawn().await;
    let user = app.signed_up_user().await;

    let created = create(&app, &user, json!({ "name": "Pets", "kind": "EXPENSE" })).await;

    assert_eq!(created["name"], "Pets");
    assert_eq!(created["kind"], "EXPENSE");
    assert!(
        created["parentId"].is_null(),
        "a top-level category has no parent"
    );
    assert!(created["parent"].is_null());
    assert_eq!(created["children"], json!([]), "a new category is empty");
    let listed = tree(&app, &user).await;
    let last = listed.last().expect("categories");
    assert_eq!(
        last["id"], created["id"],
        "new categories go after the seeded ones"
    );
    assert_eq!(last["children"], json!([]));
}

#[tokio::test]
async fn a_sub_category_takes_its_parents_kind_and_is_listed_among_its_children() {
    let app = TestApp::spawn().await;
    let user = app.signed_up_user().await;
    let pets = create(&app, &user, json!({ "name": "Pets", "kind": "EXPENSE" })).await;

    let vet = create(
        &app,
        &user,
        json!({ "name": "Vet", "parentId": pets["id"] }),
    )
    .await;

    assert_eq!(vet["kind"], "EXPENSE", "no kind given: the parent's");
    assert_eq!(vet["parentId"], pets["id"]);
    assert_eq!(
        vet["parent"],
        json!({ "id": pets["id"], "name": "Pets" }),
        "parent points back at the top-level category"
    );
    let listed = tree(&app, &user).await;
    let parent = top_level(&listed, "Pets");
    assert_eq!(
        parent["children"],
        json!([{ "id": vet["id"], "name": "Vet", "kind": "EXPENSE", "parentId": pets["id"] }]),
        "the sub-category is listed under its parent"
    );
    assert!(
        listed.iter().all(|c| c["id"] != vet["id"]),
        "a sub-category is not listed at the top level"
    );
}

#[tokio::test]
async fn a_sub_category_of_an_income_category_is_income() {
    let app = TestApp::spawn().await;
    let user = app.signed_up_user().await;
    let income = app.category(&user, "Income").await;

    let side_gigs = create(
        &app,
        &user,
        json!({ "name": "Side gigs", "parentId": income }),
    )
    .await;
    let with_kind = create(
        &app,
        &user,
        json!({ "name": "Dividends", "parentId": income, "kind": "INCOME" }),
    )
    .await;

    assert_eq!(
        side_gigs["kind"], "INCOME",
        "the kind comes from the parent"
    );
    assert_eq!(
        with_kind["kind"], "INCOME",
        "repeating the parent's kind is fine"
    );
}

#[tokio::test]
async fn a_new_sub_category_comes_after_its_siblings() {
    let app = TestApp::spawn().await;
    let user = app.signed_up_user().await;
    let housing = app.category(&user, "Housing").await;
    let before = child_names(top_level(&tree(&app, &user).await, "Housing"));

    create(
        &app,
        &user,
        json!({ "name": "Garden", "parentId": housing }),
    )
    .await;

    let after = child_names(top_level(&tree(&app, &user).await, "Housing"));
    assert_eq!(after, [before, vec!["Garden".to_owned()]].concat());
}

#[tokio::test]
async fn category_names_are_stored_trimmed() {
    let app = TestApp::spawn().await;
    let user = app.signed_up_user().await;

    let created = create(
        &app,
        &user,
        json!({ "name": "  Pets  ", "kind": "EXPENSE" }),
    )
    .await;

    assert_eq!(created["name"], "Pets");
}

// --- Kinds and parents ----------------------------------------------------------------

#[tokio::test]
async fn a_top_level_category_without_a_kind_is_refused_naming_the_kind() {
    let app = TestApp::spawn().await;
    let user = app.signed_up_user().await;
    let before = tree(&app, &user).await;

    let body = try_create(&app, &user, json!({ "name": "Pets" })).await;

    assert_error_on(
        &body,
        "BAD_USER_INPUT",
        "input.kind",
        "a top-level category needs a kind",
    );
    assert_eq!(tree(&app, &user).await, before, "nothing is created");
}

#[tokio::test]
async fn a_sub_category_with_a_kind_other_than_its_parents_is_refused_naming_the_kind() {
    let app = TestApp::spawn().await;
    let user = app.signed_up_user().await;
    let income = app.category(&user, "Income").await;
    let before = tree(&app, &user).await;

    let body = try_create(
        &app,
        &user,
        json!({ "name": "Fees", "parentId": income, "kind": "EXPENSE" }),
    )
    .await;

    assert_error_on(
        &body,
        "BAD_USER_INPUT",
        "input.kind",
        "an EXPENSE child of INCOME",
    );
    assert_eq!(tree(&app, &user).await, before, "nothing is created");
}

#[tokio::test]
async fn a_sub_category_of_a_sub_category_is_refused_naming_the_parent() {
    let app = TestApp::spawn().await;
    let user = app.signed_up_user().await;
    let groceries = app.category(&user, "Groceries").await;
    let before = tree(&app, &user).await;

    let body = try_create(
        &app,
        &user,
        json!({ "name": "Organic", "parentId": groceries }),
    )
    .await;

    assert_error_on(&body, "BAD_USER_INPUT", "input.parentId", "a third level");
    assert_eq!(tree(&app, &user).await, before, "nothing is created");
}

#[tokio::test]
async fn an_unknown_parent_is_not_found() {
    let app = TestApp::spawn().await;
    let user = app.signed_up_user().await;
    let before = tree(&app, &user).await;

    let body = try_create(
        &app,
        &user,
        json!({ "name": "Orphan", "parentId": uuid::Uuid::now_v7().to_string() }),
    )
    .await;

    error_with_code(&body, "NOT_FOUND");
    assert_eq!(tree(&app, &user).await, before, "nothing is created");
}

// --- Names ----------------------------------------------------------------------------

#[tokio::test]
async fn a_duplicate_name_among_siblings_is_a_conflict_on_the_name() {
    let app = TestApp::spawn().await;
    let user = app.signed_up_user().await;
    let running_costs = app.category(&user, "Personal running costs").await;
    let before = tree(&app, &user).await;

    for (why, input) in [
        (
            "a second Groceries under the same parent",
            json!({ "name": "Groceries", "parentId": running_costs }),
        ),
        (
            "a second top-level Housing",
            json!({ "name": "Housing", "kind": "EXPENSE" }),
        ),
        (
            "a padded duplicate",
            json!({ "name": " Groceries ", "parentId": running_costs }),
        ),
    ] {
        let body = try_create(&app, &user, input).await;

        assert_error_on(&body, "CONFLICT", "input.name", why);
    }
    assert_eq!(tree(&app, &user).await, before, "nothing is created");
}

#[tokio::test]
async fn the_same_name_under_a_different_parent_is_fine() {
    let app = TestApp::spawn().await;
    let user = app.signed_up_user().await;
    let travel = app.category(&user, "Travel").await;

    let under_travel = create(
        &app,
        &user,
        json!({ "name": "Groceries", "parentId": travel }),
    )
    .await;
    let top = create(
        &app,
        &user,
        json!({ "name": "Groceries", "kind": "EXPENSE" }),
    )
    .await;

    assert_eq!(under_travel["parentId"], travel);
    assert!(top["parentId"].is_null());
    let listed = tree(&app, &user).await;
    assert!(child_names(top_level(&listed, "Travel")).contains(&"Groceries".to_owned()));
    assert!(
        child_names(top_level(&listed, "Personal running costs")).contains(&"Groceries".to_owned()),
        "the original Groceries is still there"
    );
}

#[tokio::test]
async fn blank_or_too_long_names_are_refused_naming_the_field() {
    let app = TestApp::spawn().await;
    let user = app.signed_up_user().await;
    let before = tree(&app, &user).await;

    for (why, name) in [
        ("an empty name", String::new()),
        ("a blank name", "  ".to_owned()),
        ("101 characters", "x".repeat(101)),
    ] {
        let body = try_create(&app, &user, json!({ "name": name, "kind": "EXPENSE" })).await;

        assert_error_on(&body, "BAD_USER_INPUT", "input.name", why);
    }
    assert_eq!(tree(&app, &user).await, before, "nothing is created");
}

// --- Rename ---------------------------------------------------------------------------

#[tokio::test]
async fn renaming_a_category_shows_the_new_name_in_the_list() {
    let app = TestApp::spawn().await;
    let user = app.signed_up_user().await;
    let groceries = app.category(&user, "Groceries").await;

    let body = try_rename(&app, &user, &groceries, " Food ").await;

    assert!(body.get("errors").is_none(), "rename failed: {body}");
    let renamed = &body["data"]["updateCategory"];
    assert_eq!(renamed["id"], groceries, "the same category");
    assert_eq!(renamed["name"], "Food", "the new name, trimmed");
    assert_eq!(renamed["kind"], "EXPENSE", "the kind stays");
    assert_eq!(
        renamed["parent"]["name"], "Personal running costs",
        "the parent stays"
    );
    let children = child_names(top_level(
        &tree(&app, &user).await,
        "Personal running costs",
    ));
    assert!(children.contains(&"Food".to_owned()), "{children:?}");
    assert!(!children.contains(&"Groceries".to_owned()), "{children:?}");
}

#[tokio::test]
async fn renaming_a_top_level_category_keeps_its_children() {
    let app = TestApp::spawn().await;
    let user = app.signed_up_user().await;
    let travel = app.category(&user, "Travel").await;
    let before = child_names(top_level(&tree(&app, &user).await, "Travel"));

    let body = try_rename(&app, &user, &travel, "Trips").await;

    assert!(body.get("errors").is_none(), "rename failed: {body}");
    assert_eq!(child_names(&body["data"]["updateCategory"]), before);
    assert_eq!(
        child_names(top_level(&tree(&app, &user).await, "Trips")),
        before
    );
}

#[tokio::test]
async fn renaming_to_a_siblings_name_is_a_conflict_and_keeps_the_old_name() {
    let app = TestApp::spawn().await;
    let user = app.signed_up_user().await;
    let groceries = app.category(&user, "Groceries").await;
    let before = tree(&app, &user).await;

    let travel = app.category(&user, "Travel").await;

    let child = try_rename(&app, &user, &groceries, "Restaurants").await;
    let top = try_rename(&app, &user, &travel, "Housing").await;

    assert_error_on(&child, "CONFLICT", "input.name", "Restaurants is a sibling");
    assert_error_on(
        &top,
        "CONFLICT",
        "input.name",
        "Housing is a top-level sibling",
    );
    assert_eq!(
        tree(&app, &user).await,
        before,
        "a refused rename changes nothing"
    );
}

#[tokio::test]
async fn renaming_to_its_own_name_or_a_name_used_elsewhere_is_fine() {
    let app = TestApp::spawn().await;
    let user = app.signed_up_user().await;
    let groceries = app.category(&user, "Groceries").await;

    let same = try_rename(&app, &user, &groceries, "Groceries").await;
    let elsewhere = try_rename(&app, &user, &groceries, "Flights").await;

    assert!(
        same.get("errors").is_none(),
        "a category does not collide with itself: {same}"
    );
    assert!(
        elsewhere.get("errors").is_none(),
        "Flights is under Travel, not a sibling: {elsewhere}"
    );
    assert_eq!(elsewhere["data"]["updateCategory"]["name"], "Flights");
}

#[tokio::test]
async fn renaming_to_a_blank_name_is_refused_and_keeps_the_old_name() {
    let app = TestApp::spawn().await;
    let user = app.signed_up_user().await;
    let groceries = app.category(&user, "Groceries").await;
    let before = tree(&app, &user).await;

    let body = try_rename(&app, &user, &groceries, "   ").await;

    assert_error_on(&body, "BAD_USER_INPUT", "input.name", "a blank name");
    assert_eq!(tree(&app, &user).await, before);
}

#[tokio::test]
async fn renaming_an_unknown_category_is_not_found() {
    let app = TestApp::spawn().await;
    let user = app.signed_up_user().await;

    let body = try_rename(&app, &user, &uuid::Uuid::now_v7().to_string(), "Ghost").await;

    error_with_code(&body, "NOT_FOUND");
    assert_eq!(body["data"], Value::Null, "nothing is returned: {body}");
}

#[tokio::test]
async fn transactions_keep_their_category_after_it_is_renamed() {
    let app = TestApp::spawn().await;
    let user = app.signed_up_user().await;
    let groceries = app.category(&user, "Groceries").await;
    let transaction = app
        .create_transaction(
            &user,
            json!({ "categoryId": groceries, "date": "2026-06-01", "amount": "-20.00",
                    "description": "Market" }),
        )
        .await;

    let body = try_rename(&app, &user, &groceries, "Food").await;
    assert!(body.get("errors").is_none(), "rename failed: {body}");

    let data = app
        .ok(
            &user.token,
            "query($id: UUID!) { transaction(id: $id) { category { id name } } }",
            json!({ "id": transaction["id"] }),
        )
        .await;
    assert_eq!(
        data["transaction"]["category"],
        json!({ "id": groceries, "name": "Food" }),
        "the transaction points at the same category, now called Food"
    );
}

#[tokio::test]
async fn a_new_sub_category_can_be_used_for_transactions() {
    let app = TestApp::spawn().await;
    let user = app.signed_up_user().await;
    let pets = create(&app, &user, json!({ "name": "Pets", "kind": "EXPENSE" })).await;
    let vet = create(
        &app,
        &user,
        json!({ "name": "Vet", "parentId": pets["id"] }),
    )
    .await;

    let transaction = app
        .create_transaction(
            &user,
            json!({ "categoryId": vet["id"], "date": "2026-06-01", "amount": "-80.00",
                    "description": "Check-up" }),
        )
        .await;
    let filtered = app
        .ok(
            &user.token,
            "query($ids: [UUID!]) { transactions(filter: { categoryIds: $ids }) {
                edges { node { id } } } }",
            json!({ "ids": [pets["id"]] }),
        )
        .await;

    assert_eq!(transaction["category"]["id"], vet["id"]);
    assert_eq!(
        filtered["transactions"]["edges"],
        json!([{ "node": { "id": transaction["id"] } }]),
        "filtering by the new parent includes its new child"
    );
}

// --- Concurrency ----------------------------------------------------------------------

#[tokio::test]
async fn the_same_new_category_sent_at_once_is_created_once_and_the_rest_conflict() {
    let app = TestApp::spawn().await;
    let user = app.signed_up_user().await;

    let bodies = app
        .all_at_once(
            &user,
            &create_mutation(),
            vec![json!({ "input": { "name": "Pets", "kind": "EXPENSE" } }); 8],
        )
        .await;

    let created = bodies.iter().filter(|b| b.get("errors").is_none()).count();
    for body in bodies.iter().filter(|b| b.get("errors").is_some()) {
        assert_error_on(body, "CONFLICT", "input.name", "a racing duplicate");
    }
    let pets = tree(&app, &user)
        .await
        .iter()
        .filter(|c| c["name"] == "Pets")
        .count();
    assert_eq!(
        (created, pets),
        (1, 1),
        "of 8 identical creates exactly one may succeed, leaving a single Pets among the \
         top-level categories; got (successes, Pets listed)"
    );
}

#[tokio::test]
async fn siblings_renamed_to_the_same_name_at_once_do_not_both_take_it() {
    let app = TestApp::spawn().await;
    let user = app.signed_up_user().await;
    let running_costs = app.category(&user, "Personal running costs").await;
    let mut siblings = Vec::new();
    for i in 0..8 {
        let created = create(
            &app,
            &user,
            json!({ "name": format!("Misc {i}"), "parentId": running_costs }),
        )
        .await;
        siblings.push(created["id"].as_str().expect("id").to_owned());
    }

    let renames = siblings
        .iter()
        .map(|id| json!({ "id": id, "input": { "name": "Other" } }))
        .collect();
    let bodies = app.all_at_once(&user, &update_mutation(), renames).await;

    let renamed = bodies.iter().filter(|b| b.get("errors").is_none()).count();
    for body in bodies.iter().filter(|b| b.get("errors").is_some()) {
        assert_error_on(body, "CONFLICT", "input.name", "a racing rename");
    }
    let others = child_names(top_level(
        &tree(&app, &user).await,
        "Personal running costs",
    ))
    .iter()
    .filter(|name| *name == "Other")
    .count();
    assert_eq!(
        (renamed, others),
        (1, 1),
        "of 8 siblings renamed to Other at once exactly one may take the name; \
         got (successes, Others listed)"
    );
}
