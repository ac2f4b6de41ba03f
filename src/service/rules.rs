//! Rules: each user's ordered list of "when a transaction looks like this, categorise / tag /
//! rename it". They run when transactions are written (`createTransaction`, the CSV import),
//! never on a field the request set itself; a saved rule can be previewed against existing
//! transactions and applied to them in bounded batches ([`existing`]).
//!
//! Limits: [`MAX_RULES`] per user, [`MAX_TEXT_CONDITIONS`] description conditions per rule (at
//! most one a regular expression), [`MAX_RULE_TAGS`] tags per rule. Matching and conflicts:
//! [`matcher`]. Every write is one database transaction with its audit event (entity `rule`).

mod edit;
pub mod existing;
pub mod matcher;
mod regex_cache;
mod stored;

use chrono::{DateTime, Utc};
use rust_decimal::Decimal;
use sea_orm::{ConnectionTrait, QueryOrder};
use uuid::Uuid;

use super::entities::rule;
use super::{Store, owned, owned_by_id};
use crate::auth::Viewer;
use crate::error::{AppError, AppResult};

pub use edit::{create, delete, move_to, update};
pub use matcher::RuleSet;

/// Most rules one user may have.
pub const MAX_RULES: usize = 100;
/// Most description conditions in one rule.
pub const MAX_TEXT_CONDITIONS: usize = 5;
/// Longest description condition value, in characters (a regular expression: see
/// [`regex_cache::MAX_REGEX_CHARS`]).
pub const MAX_CONDITION_CHARS: usize = 200;
/// Most tags one rule adds.
pub const MAX_RULE_TAGS: usize = 5;
/// Longest rule name, in characters.
pub const MAX_NAME_CHARS: usize = 100;

/// How a description condition compares (always ignoring case).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextOp {
    Contains,
    StartsWith,
    Equals,
    /// A regular expression (`regex` crate syntax), searched anywhere in the description.
    Regex,
}

/// One condition on the description.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextCondition {
    pub op: TextOp,
    pub value: String,
}

/// A rule of the viewer.
#[derive(Debug, Clone)]
pub struct Rule {
    pub id: Uuid,
    /// 0-based place in the order.
    pub position: i32,
    pub name: String,
    pub conditions: Vec<TextCondition>,
    /// Lowest amount matched (signed, inclusive).
    pub amount_min: Option<Decimal>,
    /// Highest amount matched (signed, inclusive).
    pub amount_max: Option<Decimal>,
    pub account_id: Option<Uuid>,
    pub category_id: Option<Uuid>,
    pub add_tags: Vec<String>,
    pub rename_to: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// A rule's conditions and actions, as created or replaced.
#[derive(Debug, Clone, Default)]
pub struct RuleInput {
    pub name: String,
    pub conditions: Vec<TextCondition>,
    pub amount_min: Option<Decimal>,
    pub amount_max: Option<Decimal>,
    pub account_id: Option<Uuid>,
    pub category_id: Option<Uuid>,
    pub add_tags: Vec<String>,
    pub rename_to: Option<String>,
}

/// The viewer's rules, in order.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn list(store: &Store, viewer: &Viewer) -> AppResult<Vec<Rule>> {
    all_in(store.conn(), viewer).await
}

/// One rule of the viewer, or `NOT_FOUND`.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn get(store: &Store, viewer: &Viewer, id: Uuid) -> AppResult<Rule> {
    let model = owned_by_id::<rule::Entity>(viewer, id)
        .one(store.conn())
        .await?;
    model
        .map(stored::to_rule)
        .unwrap_or(Err(AppError::not_found("rule")))
}

/// The viewer's rules compiled, in order, for the writes of one request (a create, an
/// import): each regular expression is compiled here once, not per row.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn for_writes(store: &Store, viewer: &Viewer) -> AppResult<RuleSet> {
    let rules = all_in(store.conn(), viewer).await?;
    let uncompiled = rules
        .iter()
        .flat_map(|rule| &rule.conditions)
        .any(|c| c.op == TextOp::Regex && !regex_cache::contains(&c.value));
    let compile = move || {
        let compiled = rules
            .into_iter()
            .map(matcher::Compiled::new)
            .collect::<AppResult<_>>()?;
        Ok(RuleSet(compiled))
    };
    if !uncompiled {
        return compile();
    }
    // A pattern not compiled yet can take milliseconds: not on the async workers.
    tokio::task::spawn_blocking(compile)
        .await
        .map_err(|err| AppError::internal(anyhow::anyhow!("compiling rules: {err}")))?
}

async fn all_in(db: &impl ConnectionTrait, viewer: &Viewer) -> AppResult<Vec<Rule>> {
    let rows = owned::<rule::Entity>(viewer)
        .order_by_asc(rule::Column::Position)
        .order_by_asc(rule::Column::Id)
        .all(db)
        .await?;
    let mut rules: Vec<Rule> = rows
        .into_iter()
        .map(stored::to_rule)
        .collect::<AppResult<_>>()?;
    // A rule deleted with its account or category leaves a gap: positions read as 0..n-1.
    for (index, rule) in rules.iter_mut().enumerate() {
        rule.position = i32::try_from(index).unwrap_or(i32::MAX);
    }
    Ok(rules)
}
