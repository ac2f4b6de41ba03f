//! Logging and tracing: `RUST_LOG` picks levels (default `info`), `--log-format` the shape.
//! Request spans carry the method, the matched route and the status — never headers, bodies or
//! query strings, so a token or a password cannot reach a log line through them.
//!
//! Lines go to stdout. Text lines are coloured only when stdout is a terminal: written to a
//! file, a pipe or the journal, they carry no escape sequences. JSON lines never do, and
//! each is one object on one line.

use std::io::IsTerminal as _;

use tracing_subscriber::{EnvFilter, fmt, prelude::*};

use crate::config::LogFormat;

/// Install the global subscriber. Safe to call more than once (later calls do nothing).
pub fn init(format: LogFormat) {
    let filter = EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn,sea_orm=warn"));
    let registry = tracing_subscriber::registry().with(filter);
    let colour = std::io::stdout().is_terminal();
    let _ = match format {
        LogFormat::Text => registry
            .with(fmt::layer().with_target(false).with_ansi(colour))
            .try_init(),
        LogFormat::Json => registry
            .with(fmt::layer().json().flatten_event(true).with_ansi(false))
            .try_init(),
    };
}
