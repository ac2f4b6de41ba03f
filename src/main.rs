//! The `tally` binary: parse the command line and run the chosen command (see [`tally::cli`]).

// As in the library: the schema's futures nest deeper than the default allows.
#![recursion_limit = "256"]

use clap::Parser;
use tally::cli::Cli;

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[tokio::main]
async fn main() -> std::process::ExitCode {
    match tally::cli::run(Cli::parse()).await {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("Error: {err:#}");
            // A database that never answered has its own status, for supervisors and scripts.
            let unreachable = err
                .downcast_ref::<tally::app::DatabaseUnreachable>()
                .is_some();
            std::process::ExitCode::from(if unreachable {
                tally::app::EXIT_DATABASE_UNREACHABLE
            } else {
                1
            })
        }
    }
}
