//! Faults: the database down at start (retried, then a clear exit status), the database lost
//! under load (fast `UNAVAILABLE`, `/readyz` 503, recovery without a restart), `kill -9` in
//! the middle of an import or of transfers (all or nothing), and a graceful shutdown with
//! requests in flight. The real `tally` binary runs as a child process ([`process`]); a small
//! TCP proxy stands between an instance and PostgreSQL to cut it ([`proxy`]).

mod killed;
mod listener;
mod lost;
mod process;
mod proxy;
mod shutdown;
mod start;
