//! The `tally` binary: parse the command line and run the chosen command (see [`tally::cli`]).

use clap::Parser;
use tally::cli::Cli;

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    tally::cli::run(Cli::parse()).await
}
