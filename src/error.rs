//! `AppError`: the one error type of the service layer, as the client should learn it — what
//! went wrong and the message to show — free of any framework. How it travels is decided
//! above: `graphql::errors` maps it to a GraphQL error with an Apollo-style `extensions.code`
//! (logging an internal error's cause there), `http` answers failures before GraphQL runs.
//!
//! An internal error's cause is only ever logged: its message is generic, so nothing
//! internal (SQL, constraint names, stack details) reaches a client. `AppError` deliberately
//! does not implement `Display`: async-graphql converts any `Display` type into an error
//! without extensions, and this way the only conversion is ours.

/// Message of every internal error: the cause goes to the log, never to the client.
pub const INTERNAL_MESSAGE: &str = "Internal server error";

/// Message of an unavailable database.
pub const UNAVAILABLE_MESSAGE: &str = "The service is temporarily unavailable; try again shortly";

/// What can go wrong in a service call, as the client should learn it.
#[derive(Debug)]
pub enum AppError {
    /// No viewer, or the viewer's credentials do not hold.
    Unauthenticated(&'static str),
    /// The viewer may not do this (reserved for role checks; another user's row is `NotFound`).
    Forbidden(&'static str),
    /// Input that fails validation; `field` names the input field (e.g. `input.amount`).
    BadUserInput { field: String, message: String },
    /// No such row *for this viewer*. Other users' rows are reported the same way.
    NotFound { entity: &'static str },
    /// A uniqueness rule; `field` names the input field that collides.
    Conflict {
        field: &'static str,
        message: String,
    },
    /// A two-factor code or recovery code that is wrong, already used, or missing where the
    /// second factor is required.
    InvalidTwoFactorCode(&'static str),
    /// Too many attempts; the client may retry after this many seconds.
    RateLimited { retry_after_secs: u64 },
    /// The database cannot be reached right now; the client may retry shortly.
    Unavailable,
    /// Anything else: logged with its cause, answered generically.
    Internal(anyhow::Error),
}

/// Result of a service call.
pub type AppResult<T> = Result<T, AppError>;

impl AppError {
    /// Invalid input in the named field.
    pub fn bad_input(field: impl Into<String>, message: impl Into<String>) -> Self {
        Self::BadUserInput {
            field: field.into(),
            message: message.into(),
        }
    }

    /// No such row for this viewer.
    pub fn not_found(entity: &'static str) -> Self {
        Self::NotFound { entity }
    }

    /// An internal failure with its cause (logged, never shown).
    pub fn internal(cause: impl Into<anyhow::Error>) -> Self {
        Self::Internal(cause.into())
    }

    /// The message a client sees.
    pub fn message(&self) -> String {
        match self {
            Self::Unauthenticated(message)
            | Self::Forbidden(message)
            | Self::InvalidTwoFactorCode(message) => (*message).to_owned(),
            Self::BadUserInput { message, .. } | Self::Conflict { message, .. } => message.clone(),
            Self::NotFound { entity } => format!("{entity} not found"),
            Self::RateLimited { retry_after_secs } => {
                format!("Too many attempts; try again in {retry_after_secs} seconds")
            }
            Self::Unavailable => UNAVAILABLE_MESSAGE.to_owned(),
            Self::Internal(_) => INTERNAL_MESSAGE.to_owned(),
        }
    }
}
