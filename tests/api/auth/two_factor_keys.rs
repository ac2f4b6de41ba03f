//! The key that seals two-factor secrets follows `JWT_SECRET`: while the retired secret is
//! configured as `JWT_PREVIOUS_SECRET` its seals still open (and are re-sealed under the new
//! key on use); once no configured key opens a seal, codes fail but recovery codes still
//! sign the user in.

use sea_orm::{ConnectionTrait, Statement};
use serde_json::json;

use super::two_factor::{Enrolled, challenge, code, complete, enrolled};
use crate::helpers::{TestApp, error_with_code, fresh_secret};

async fn sealed(app: &TestApp) -> String {
    let db = app.database().await;
    let sql = "SELECT secret_sealed FROM two_factor";
    let statement = Statement::from_string(db.get_database_backend(), sql);
    let rows = db.query_all_raw(statement).await.unwrap();
    rows[0].try_get("", "secret_sealed").unwrap()
}

#[tokio::test]
async fn a_rotated_secret_still_opens_old_seals_and_reseals_them_on_use() {
    let first = TestApp::spawn_shared_with(|_| {}).await;
    let Enrolled {
        user,
        secret,
        recovery_codes,
    } = enrolled(&first).await;
    let before = sealed(&first).await;
    let retired = first.jwt_secret.clone();
    let rotated = first
        .another_instance_with(|config| {
            config.jwt_secret = Some(fresh_secret().parse().unwrap());
            config.jwt_previous_secret = Some(retired.parse().unwrap());
            let until = chrono::Utc::now() + chrono::Duration::hours(1);
            config.jwt_previous_secret_valid_until = Some(until);
        })
        .await;

    let answer = json!({ "code": code(&secret, 0) });
    let done = complete(&rotated, &challenge(&rotated, &user).await, answer).await;
    assert!(done["data"]["completeTwoFactorLogin"].is_object(), "{done}");
    let after = sealed(&first).await;
    assert_ne!(before, after, "re-sealed under the new key");

    let new_only = rotated.jwt_secret.clone();
    let later = first
        .another_instance_with(|config| config.jwt_secret = Some(new_only.parse().unwrap()))
        .await;
    let answer = json!({ "code": code(&secret, 1) });
    let done = complete(&later, &challenge(&later, &user).await, answer).await;
    assert!(done["data"]["completeTwoFactorLogin"].is_object(), "{done}");

    // A key that opens nothing: codes fail, a recovery code still works.
    let lost = first
        .another_instance_with(|config| config.jwt_secret = Some(fresh_secret().parse().unwrap()))
        .await;
    let answer = json!({ "code": code(&secret, 1) });
    let failed = complete(&lost, &challenge(&lost, &user).await, answer).await;
    error_with_code(&failed, "INTERNAL_SERVER_ERROR");
    let answer = json!({ "recoveryCode": recovery_codes[0] });
    let done = complete(&lost, &challenge(&lost, &user).await, answer).await;
    assert!(done["data"]["completeTwoFactorLogin"].is_object(), "{done}");
}
