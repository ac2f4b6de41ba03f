//! Start-up configuration: production refuses unsafe settings; development generates its
//! JWT secret once and keeps it.

use std::io::{BufRead, BufReader};
use std::net::SocketAddr;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::helpers::TestApp;

fn tally(env: &[(&str, &str)]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_tally"));
    command
        .env_clear()
        .env("TALLY_ADDR", "127.0.0.1:0")
        .env("DATABASE_URL", "sqlite::memory:")
        .env("RUST_LOG", "info")
        .stdin(Stdio::null());
    for (key, value) in env {
        command.env(key, value);
    }
    command
}

fn refused(env: &[(&str, &str)]) -> String {
    let output = tally(env).output().expect("tally runs");
    assert_eq!(output.status.code(), Some(1), "must exit 1 for {env:?}");
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn production_refuses_to_start_without_a_jwt_secret() {
    let stderr = refused(&[("TALLY_ENV", "production")]);
    assert!(stderr.contains("JWT_SECRET is required"), "{stderr}");
}

#[test]
fn production_refuses_a_short_or_placeholder_secret() {
    for secret in ["too-short", "changeme-changeme-changeme-changeme-changeme"] {
        let stderr = refused(&[("TALLY_ENV", "production"), ("JWT_SECRET", secret)]);
        assert!(stderr.contains("JWT_SECRET is too weak"), "{stderr}");
        assert!(
            !stderr.contains(secret),
            "the secret must not be printed: {stderr}"
        );
    }
}

#[test]
fn production_refuses_a_low_bcrypt_cost() {
    let strong = "q8Vt3nZr1Lx0bKc7WmYp2Hs9JdFg4Ue6";
    let stderr = refused(&[
        ("TALLY_ENV", "production"),
        ("JWT_SECRET", strong),
        ("BCRYPT_COST", "4"),
    ]);
    assert!(stderr.contains("BCRYPT_COST"), "{stderr}");
}

#[test]
fn production_refuses_a_refresh_cookie_without_secure() {
    let stderr = refused(&[
        ("TALLY_ENV", "production"),
        ("JWT_SECRET", STRONG),
        ("COOKIE_SECURE", "never"),
    ]);
    assert!(stderr.contains("COOKIE_SECURE=never"), "{stderr}");
}

/// Start `tally` and wait until it logs that it listens; `None` if it never does.
fn started(env: &[(&str, &str)]) -> Option<std::process::Child> {
    started_at(env).map(|(child, _)| child)
}

/// Start `tally` (logging JSON) and wait until it logs that it listens: the process and the
/// address it listens on; `None` if it never does.
pub fn started_at(env: &[(&str, &str)]) -> Option<(std::process::Child, SocketAddr)> {
    let mut child = tally(env)
        .env("TALLY_LOG_FORMAT", "json")
        .stderr(Stdio::null())
        .stdout(Stdio::piped())
        .spawn()
        .expect("tally starts");
    let stdout = child.stdout.take().expect("stdout");
    let deadline = Instant::now() + Duration::from_secs(20);
    let mut lines = BufReader::new(stdout).lines().map_while(Result::ok);
    let listening = lines
        .by_ref()
        .take_while(|_| Instant::now() < deadline)
        .find_map(|line| {
            let event: serde_json::Value = serde_json::from_str(&line).ok()?;
            let listening = event["message"] == "tally is listening";
            listening.then(|| event["addr"].as_str()?.parse().ok())?
        });
    // Keep draining the pipe so the server never blocks on a full stdout.
    std::thread::spawn(move || lines.for_each(drop));
    match listening {
        Some(addr) => Some((child, addr)),
        None => {
            child.kill().ok();
            child.wait().ok();
            None
        }
    }
}

const STRONG: &str = "q8Vt3nZr1Lx0bKc7WmYp2Hs9JdFg4Ue6";

#[test]
fn production_starts_with_a_strong_secret() {
    let mut child =
        started(&[("TALLY_ENV", "production"), ("JWT_SECRET", STRONG)]).expect("listening");
    child.kill().ok();
    child.wait().ok();
}

#[cfg(unix)]
#[test]
fn sigterm_stops_the_server_cleanly() {
    let mut child = started(&[("JWT_SECRET", STRONG)]).expect("listening");
    let sent = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status();
    assert!(sent.is_ok_and(|s| s.success()), "kill -TERM failed");
    let deadline = Instant::now() + Duration::from_secs(15);
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait") {
            break status;
        }
        assert!(
            Instant::now() < deadline,
            "tally did not stop after SIGTERM"
        );
        std::thread::sleep(Duration::from_millis(50));
    };
    assert!(status.success(), "exit status after SIGTERM: {status}");
}

#[tokio::test]
async fn development_generates_a_secret_once_and_reuses_it() {
    let dir = std::env::temp_dir().join(format!("tally-dev-{}", uuid::Uuid::new_v4()));
    let in_dir = |config: &mut tally::config::Config| {
        config.jwt_secret = None;
        config.data_dir = dir.clone();
    };
    let first = TestApp::spawn_with(in_dir).await;
    let user = first.signed_up_user().await;

    let second = TestApp::spawn_with(in_dir).await;
    let again = second.signed_up_user().await;
    // Each run has its own database (so the first run's session is unknown to the second);
    // the key id is a digest of the secret, so equal ids mean the same secret.
    let kid = |token: &str| jsonwebtoken::decode_header(token).expect("header").kid;
    assert!(kid(&user.token).is_some());
    assert_eq!(
        kid(&user.token),
        kid(&again.token),
        "the second run must sign with the first run's secret"
    );

    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(dir.join("jwt-secret"))
            .expect("secret file")
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn the_secret_can_come_from_a_file_but_never_from_a_flag() {
    let path = std::env::temp_dir().join(format!("tally-secret-{}", uuid::Uuid::new_v4()));
    std::fs::write(&path, format!("{STRONG}\n")).unwrap();
    let mut child = started(&[
        ("TALLY_ENV", "production"),
        ("JWT_SECRET_FILE", path.to_str().unwrap()),
    ])
    .expect("listening with JWT_SECRET_FILE");
    child.kill().ok();
    child.wait().ok();
    std::fs::remove_file(&path).ok();

    let output = tally(&[])
        .arg("--jwt-secret")
        .arg(STRONG)
        .output()
        .expect("tally runs");
    assert!(
        !output.status.success(),
        "a --jwt-secret flag must not exist"
    );
}

#[test]
fn a_weak_secret_is_refused_in_development_too() {
    let stderr = refused(&[("JWT_SECRET", "too-short")]);
    assert!(stderr.contains("JWT_SECRET is too weak"), "{stderr}");
}

#[test]
fn an_empty_secret_counts_as_unset() {
    let dir = std::env::temp_dir().join(format!("tally-empty-{}", uuid::Uuid::new_v4()));
    let mut child = started(&[
        ("JWT_SECRET", "  "),
        ("TALLY_DATA_DIR", dir.to_str().unwrap()),
    ])
    .expect("listening with a generated secret");
    child.kill().ok();
    child.wait().ok();
    assert!(
        dir.join("jwt-secret").exists(),
        "a development secret was generated"
    );
    std::fs::remove_dir_all(&dir).ok();
}
