//! The viewer's rules on the rows an import is about to write. Only after the duplicate
//! check: each row's fingerprint (`import_key`) stays that of the file's own text, so
//! importing the same file again still skips every row even when a rule renamed it. A row's
//! category or tags cell, when filled, is the file's explicit choice and stays; the
//! description is the bank's text, so a rule may rename it.
//!
//! The rules were compiled once for the whole import; matching 10,000 rows against them is
//! CPU work, done on a blocking thread so it does not stall other requests.

use super::prepare::Plan;
use crate::error::{AppError, AppResult};
use crate::money::Currency;
use crate::service::rules::RuleSet;
use crate::service::transactions::classify::{Classify, Explicit, Subject};

/// `plan` with the rules' decisions applied to its rows.
pub(super) async fn apply(rules: RuleSet, currency: Currency, mut plan: Plan) -> AppResult<Plan> {
    if rules.is_empty() || plan.rows.is_empty() {
        return Ok(plan);
    }
    let decide = move || {
        for row in &mut plan.rows {
            let subject = Subject {
                account_id: row.account,
                amount: currency.from_minor(row.amount_minor),
                description: &row.description,
            };
            let explicit = Explicit {
                category: row.category_id.is_some(),
                tags: !row.tags.is_empty(),
                description: false,
            };
            let decided = rules.classify(subject, explicit);
            row.category_id = row.category_id.or(decided.category_id);
            if row.tags.is_empty() {
                row.tags = decided.tags;
            }
            if let Some(description) = decided.description {
                row.description = description;
            }
        }
        plan
    };
    tokio::task::spawn_blocking(decide)
        .await
        .map_err(AppError::internal)
}
