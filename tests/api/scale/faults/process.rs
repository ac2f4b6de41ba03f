//! The real `tally` binary as a child process, on a database a test chose.

use std::net::SocketAddr;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

pub struct Tally {
    pub child: Child,
    pub addr: SocketAddr,
}

/// A free loopback port (bound, read, released).
pub fn free_addr() -> SocketAddr {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    listener.local_addr().unwrap()
}

/// `tally serve` on `database_url` with `secret`, test settings and `extra` environment; not
/// waited for.
pub fn spawn(database_url: &str, secret: &str, extra: &[(&str, &str)]) -> Tally {
    let addr = free_addr();
    let data_dir = std::env::temp_dir().join(format!("tally-fault-{}", uuid::Uuid::new_v4()));
    let mut command = Command::new(env!("CARGO_BIN_EXE_tally"));
    command
        .arg("serve")
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("TALLY_ADDR", addr.to_string())
        .env("DATABASE_URL", database_url)
        .env("JWT_SECRET", secret)
        .env("BCRYPT_COST", "4")
        .env("TALLY_DATA_DIR", &data_dir)
        .env("RUST_LOG", "warn")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    for (name, value) in extra {
        command.env(name, value);
    }
    Tally {
        child: command.spawn().expect("the tally binary starts"),
        addr,
    }
}

impl Tally {
    /// `tally serve` as [`spawn`] starts it, once `/healthz` answers.
    pub async fn start(database_url: &str, secret: &str, extra: &[(&str, &str)]) -> Self {
        let mut tally = spawn(database_url, secret, extra);
        let deadline = Instant::now() + Duration::from_secs(30);
        let client = reqwest::Client::new();
        loop {
            let health = client.get(tally.url("/healthz")).send().await;
            if health.is_ok_and(|r| r.status() == 200) {
                return tally;
            }
            if let Ok(Some(status)) = tally.child.try_wait() {
                panic!("tally exited at start: {status}");
            }
            assert!(Instant::now() < deadline, "tally did not come up");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    /// Send a signal (`KILL`, `TERM`) to the process.
    pub fn signal(&self, name: &str) {
        let status = Command::new("kill")
            .args([format!("-{name}"), self.child.id().to_string()])
            .status()
            .unwrap();
        assert!(status.success());
    }

    /// Wait for the process to exit, at most `limit`; its status.
    pub async fn exited_within(&mut self, limit: Duration) -> std::process::ExitStatus {
        let deadline = Instant::now() + limit;
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status;
            }
            assert!(Instant::now() < deadline, "still running after {limit:?}");
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }
}

impl Drop for Tally {
    fn drop(&mut self) {
        // Only our own child, by its handle.
        self.child.kill().ok();
        self.child.wait().ok();
    }
}
