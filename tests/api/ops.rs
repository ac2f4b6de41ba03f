//! Operating Tally: `/metrics`, the dashboard embedded in the binary, log output to files and
//! pipes, and the example deployment files under `deploy/`.

pub mod deploy;
pub mod embedded_dashboard;
pub mod logs;
pub mod metrics;
pub mod metrics_listener;
