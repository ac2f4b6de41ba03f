//! `tally admin promote|demote <email>`, run as the built binary against the database a
//! running app uses: the first administrator comes from here, and the user's next login
//! carries the role.

use std::process::{Command, Output, Stdio};

use serde_json::json;

use crate::admin::roles::{logged_in_again, status_of};
use crate::admin::shared::{SharedDatabase, app_on_shared_database};
use crate::helpers::error_with_code;

/// Run `tally admin <args…>` on `db`, with nothing else from the environment.
fn tally_admin(db: &SharedDatabase, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_tally"))
        .env_clear()
        .env("DATABASE_URL", &db.url)
        .arg("admin")
        .args(args)
        .stdin(Stdio::null())
        .output()
        .expect("tally runs")
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

#[tokio::test]
async fn the_cli_promotes_and_demotes_and_the_next_login_carries_the_role() {
    let (app, db) = app_on_shared_database().await;
    let user = app.signed_up_user().await;
    let users = "{ users { totalCount } }";
    error_with_code(
        &app.gql(Some(&user.token), users, json!({})).await,
        "FORBIDDEN",
    );

    let promoted = tally_admin(&db, &["promote", &user.email.to_uppercase()]);
    assert!(promoted.status.success(), "{promoted:?}");
    assert!(stdout(&promoted).contains("is now ADMIN"), "{promoted:?}");
    assert_eq!(status_of(&app, &user.token).await, 401);
    let admin = logged_in_again(&app, &user).await;
    assert_eq!(
        app.ok(&admin.token, users, json!({})).await["users"]["totalCount"],
        1
    );
    let me = app.ok(&admin.token, "{ me { role } }", json!({})).await;
    assert_eq!(me["me"]["role"], "ADMIN");
    let events = db.admin_events(&user.email).await;
    let cli = vec![
        Some("ROLE_CHANGED".to_owned()),
        Some("CLI".to_owned()),
        None,
    ];
    assert_eq!(events, std::slice::from_ref(&cli));

    let demoted = tally_admin(&db, &["demote", &user.email]);
    assert!(demoted.status.success(), "{demoted:?}");
    assert!(stdout(&demoted).contains("is now USER"), "{demoted:?}");
    assert_eq!(status_of(&app, &admin.token).await, 401);
    let user = logged_in_again(&app, &user).await;
    error_with_code(
        &app.gql(Some(&user.token), users, json!({})).await,
        "FORBIDDEN",
    );
    assert_eq!(db.admin_events(&user.email).await, [cli.clone(), cli]);

    let again = tally_admin(&db, &["demote", &user.email]);
    assert!(again.status.success(), "{again:?}");
    assert!(stdout(&again).contains("already USER"), "{again:?}");
    assert_eq!(status_of(&app, &user.token).await, 200);
}

#[tokio::test]
async fn the_cli_refuses_an_unknown_email_clearly_and_changes_nothing() {
    let (app, db) = app_on_shared_database().await;
    let user = app.signed_up_user().await;
    let output = tally_admin(&db, &["promote", "nobody@example.com"]);
    assert_eq!(output.status.code(), Some(1), "{output:?}");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("no user has the email \"nobody@example.com\""),
        "{stderr}"
    );
    assert!(stdout(&output).is_empty(), "{output:?}");
    assert_eq!(status_of(&app, &user.token).await, 200);
}
