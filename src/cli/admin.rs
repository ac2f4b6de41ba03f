//! `tally admin promote|demote <email>`: the operator's role change. The first administrator
//! is made here, on the server's own database, never through the API.
//!
//! It uses the same configuration as `tally serve` (`DATABASE_URL`, …), applies pending
//! migrations, then changes the role, bumps the user's token version (their earlier access
//! tokens stop working; the next login carries the new role) and writes the audit event —
//! one transaction (see `service::admin::set_role_by_email`).

use std::io::Write as _;

use clap::Subcommand;

use crate::auth::Role;
use crate::config::Config;
use crate::error::AppError;
use crate::service::admin::{self, OperatorChange};

/// What `tally admin` can do.
#[derive(Debug, Subcommand)]
pub enum AdminCommand {
    /// Make the user with this email an administrator.
    Promote {
        /// The user's email (any case).
        email: String,
        #[command(flatten)]
        config: Box<Config>,
    },
    /// Make the administrator with this email an ordinary user again.
    Demote {
        /// The user's email (any case).
        email: String,
        #[command(flatten)]
        config: Box<Config>,
    },
}

/// Run `command`; the line it prints says what changed. An unknown email is an error.
pub async fn run(command: AdminCommand) -> anyhow::Result<()> {
    let (email, config, role) = match command {
        AdminCommand::Promote { email, config } => (email, config, Role::Admin),
        AdminCommand::Demote { email, config } => (email, config, Role::User),
    };
    crate::app::migrate(&config).await?;
    let store = crate::app::connect_one(&config).await?;
    let outcome = admin::set_role_by_email(&store, &email, role).await;
    store.close().await;
    let line = match outcome {
        Ok(OperatorChange::Changed(user)) => format!(
            "{} ({}) is now {}; their earlier access tokens no longer work, \
             the next login carries the new role",
            user.email,
            user.username,
            role.as_str()
        ),
        Ok(OperatorChange::Unchanged(user)) => {
            format!(
                "{} is already {}; nothing changed",
                user.email,
                role.as_str()
            )
        }
        Err(AppError::NotFound { .. }) => anyhow::bail!("no user has the email {email:?}"),
        Err(err) => anyhow::bail!("changing the role failed: {}", err.message()),
    };
    writeln!(std::io::stdout(), "{line}")?;
    Ok(())
}
