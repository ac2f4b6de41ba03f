//! Logs written to a pipe (or a file, or the journal) carry no terminal colour codes, and
//! JSON logs are one object per line.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Run `tally serve` with its stdout to a pipe until it says it listens (and answers one
/// request); every line it wrote meanwhile, as bytes.
fn lines_written(format: &str) -> Vec<Vec<u8>> {
    let mut child = Command::new(env!("CARGO_BIN_EXE_tally"))
        .env_clear()
        .env("TALLY_ADDR", "127.0.0.1:0")
        .env("DATABASE_URL", "sqlite::memory:")
        .env("JWT_SECRET", "q8Vt3nZr1Lx0bKc7WmYp2Hs9JdFg4Ue6")
        .env("TALLY_LOG_FORMAT", format)
        .env("RUST_LOG", "info")
        .stdin(Stdio::null())
        .stderr(Stdio::null())
        .stdout(Stdio::piped())
        .spawn()
        .expect("tally starts");
    let mut reader = BufReader::new(child.stdout.take().unwrap());
    let deadline = Instant::now() + Duration::from_secs(30);
    let mut lines = Vec::new();
    while Instant::now() < deadline {
        let mut line = Vec::new();
        if reader.read_until(b'\n', &mut line).unwrap_or(0) == 0 {
            break;
        }
        let listening = String::from_utf8_lossy(&line).contains("tally is listening");
        lines.push(line);
        if listening {
            break;
        }
    }
    child.kill().ok();
    child.wait().ok();
    // What was written before the kill.
    let mut rest = Vec::new();
    std::io::Read::read_to_end(&mut reader, &mut rest).ok();
    lines.extend(rest.split(|b| *b == b'\n').map(<[u8]>::to_vec));
    lines.retain(|line| !line.iter().all(u8::is_ascii_whitespace));
    assert!(
        lines
            .iter()
            .any(|line| String::from_utf8_lossy(line).contains("tally is listening")),
        "tally never said it listens: {lines:?}"
    );
    lines
}

#[test]
fn text_logs_to_a_pipe_carry_no_escape_sequences() {
    let lines = lines_written("text");
    for line in &lines {
        assert!(
            !line.contains(&0x1b),
            "an escape sequence in {:?}",
            String::from_utf8_lossy(line)
        );
    }
    assert!(
        lines
            .iter()
            .any(|l| String::from_utf8_lossy(l).contains("INFO"))
    );
}

#[test]
fn json_logs_are_one_object_per_line_without_escape_sequences() {
    for line in lines_written("json") {
        assert!(!line.contains(&0x1b));
        let text = String::from_utf8(line).expect("UTF-8");
        let value: serde_json::Value = serde_json::from_str(text.trim_end()).expect("JSON line");
        assert!(value.is_object(), "{text}");
        assert!(
            value["level"].is_string() && value["message"].is_string(),
            "{text}"
        );
    }
}
