//! The `tally` binary: parse the command line, start telemetry, run the chosen command.

use clap::Parser;
use tally::config::{Cli, Command};

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let cli = Cli::parse();
    match cli.command.unwrap_or(Command::Serve(cli.serve)) {
        Command::Serve(config) => {
            let config = config.with_secret_from_env()?;
            tally::telemetry::init(config.log_format);
            tally::App::build(config).await?.run_until_stopped().await
        }
        Command::Migrate(config) => {
            tally::telemetry::init(config.log_format);
            tally::app::migrate(&config).await
        }
        Command::PrintSchema => {
            let sdl = tally::graphql::sdl();
            std::io::Write::write_all(&mut std::io::stdout(), sdl.as_bytes())?;
            Ok(())
        }
        Command::Admin(command) => tally::admin_cli::run(command).await,
    }
}
