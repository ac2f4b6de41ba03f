//! What a user's rules decide for a transaction being written. The ledger only knows this
//! trait; `service::rules` implements it, so the ledger does not depend on the rules (the
//! rules use the ledger's tag and text limits).

use rust_decimal::Decimal;
use uuid::Uuid;

/// What a rule is tested on.
#[derive(Debug, Clone, Copy)]
pub struct Subject<'a> {
    pub account_id: Uuid,
    pub amount: Decimal,
    pub description: &'a str,
}

/// Which fields the request set itself: rules leave those alone.
#[derive(Debug, Clone, Copy, Default)]
pub struct Explicit {
    pub category: bool,
    pub tags: bool,
    pub description: bool,
}

/// What the rules decided; `None`/empty where they decided nothing.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Effects {
    pub category_id: Option<Uuid>,
    pub tags: Vec<String>,
    pub description: Option<String>,
}

/// A user's rules, ready to decide for any number of transactions.
pub trait Classify: Send + Sync {
    fn classify(&self, subject: Subject<'_>, explicit: Explicit) -> Effects;
}

/// No rules: decides nothing.
#[derive(Debug, Clone, Copy, Default)]
pub struct NoRules;

impl Classify for NoRules {
    fn classify(&self, _: Subject<'_>, _: Explicit) -> Effects {
        Effects::default()
    }
}
