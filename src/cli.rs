//! The command line of the `tally` binary, the top of the module stack: it parses the
//! arguments ([`Cli`]), reads the signing secrets from the environment into the [`Config`]
//! and runs the chosen [`Command`] through the layers below. Nothing below imports it.

mod admin;

use clap::{Parser, Subcommand};

pub use self::admin::AdminCommand;
use crate::auth::secret;
use crate::config::Config;

/// The command line of the `tally` binary.
#[derive(Debug, Parser)]
#[command(
    name = "tally",
    version,
    about = "Tally: personal finance over GraphQL"
)]
#[command(args_conflicts_with_subcommands = true)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    /// Flags of `serve`, the default command.
    #[command(flatten)]
    pub serve: Config,
}

/// What `tally` can do.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run migrations, then serve the API and GraphiQL (the default).
    Serve(Config),
    /// Apply pending database migrations and exit.
    Migrate(Config),
    /// Print the GraphQL schema (SDL) to stdout; `schema.graphql` is this output.
    PrintSchema,
    /// Change a user's role on the configured database (`promote` makes the first admin).
    #[command(subcommand)]
    Admin(AdminCommand),
}

/// Run the command `cli` names (`serve` when it names none).
pub async fn run(cli: Cli) -> anyhow::Result<()> {
    match cli.command.unwrap_or(Command::Serve(cli.serve)) {
        Command::Serve(config) => {
            let config = with_secrets_from_env(config)?;
            crate::telemetry::init(config.log_format);
            crate::App::build(config).await?.run_until_stopped().await
        }
        Command::Migrate(config) => {
            crate::telemetry::init(config.log_format);
            crate::app::migrate(&config).await
        }
        Command::PrintSchema => {
            let sdl = crate::graphql::sdl();
            std::io::Write::write_all(&mut std::io::stdout(), sdl.as_bytes())?;
            Ok(())
        }
        Command::Admin(command) => admin::run(command).await,
    }
}

/// The environment variable of the `/metrics` bearer token (like the secrets, never a flag).
const METRICS_TOKEN: &str = "TALLY_METRICS_TOKEN";

/// `config` with the signing secret read from `JWT_SECRET` or `JWT_SECRET_FILE`, and the
/// previous one from `JWT_PREVIOUS_SECRET` or `JWT_PREVIOUS_SECRET_FILE`, and the metrics
/// token from `TALLY_METRICS_TOKEN`: only from the environment, never a flag (a flag would
/// show in `ps` and shell history).
fn with_secrets_from_env(mut config: Config) -> Result<Config, secret::SecretError> {
    config.jwt_secret = secret::from_env()?;
    config.jwt_previous_secret = secret::previous_from_env()?;
    config.metrics_token = std::env::var(METRICS_TOKEN)
        .ok()
        .filter(|token| !token.is_empty())
        .map(Into::into);
    config.oidc_providers =
        crate::config::oidc_providers_from_env().map_err(secret::SecretError::Config)?;
    Ok(config)
}
