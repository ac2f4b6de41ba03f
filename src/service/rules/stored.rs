//! A rule as stored and back: description conditions and tags as JSON text, amount bounds
//! in units of 10⁻⁴; and the checks every rule passes before it is stored.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::regex_cache::compile_regex;
use super::{
    MAX_CONDITION_CHARS, MAX_NAME_CHARS, MAX_RULE_TAGS, MAX_TEXT_CONDITIONS, Rule, RuleInput,
    TextCondition, TextOp,
};
use crate::error::{AppError, AppResult};
use crate::service::entities::rule;
use crate::service::text;
use crate::service::transactions::{MAX_DESCRIPTION_CHARS, tags};

/// Decimals of a stored amount bound (the finest currency exponent).
const BOUND_SCALE: u32 = 4;
/// Largest absolute amount bound.
const MAX_BOUND: i64 = 1_000_000_000_000;

#[derive(Serialize, Deserialize)]
struct StoredCondition {
    op: String,
    value: String,
}

impl TextOp {
    fn as_str(self) -> &'static str {
        match self {
            Self::Contains => "CONTAINS",
            Self::StartsWith => "STARTS_WITH",
            Self::Equals => "EQUALS",
            Self::Regex => "REGEX",
        }
    }

    fn parse(stored: &str) -> Option<Self> {
        [Self::Contains, Self::StartsWith, Self::Equals, Self::Regex]
            .into_iter()
            .find(|op| op.as_str() == stored)
    }
}

/// A checked rule input: what gets stored.
pub(super) struct Checked {
    pub name: String,
    pub conditions: String,
    pub amount_min_e4: Option<i64>,
    pub amount_max_e4: Option<i64>,
    pub add_tags: String,
    pub rename_to: Option<String>,
}

/// Check `input` (`BAD_USER_INPUT` naming the field at fault); ownership of the account and
/// category is checked by the caller inside its transaction.
pub(super) fn check(input: &RuleInput) -> AppResult<Checked> {
    let name = text::required_line("input.name", &input.name, MAX_NAME_CHARS)?;
    if input.conditions.len() > MAX_TEXT_CONDITIONS {
        let message = format!("at most {MAX_TEXT_CONDITIONS} conditions per rule");
        return Err(AppError::bad_input("input.conditions", message));
    }
    if input
        .conditions
        .iter()
        .filter(|c| c.op == TextOp::Regex)
        .count()
        > 1
    {
        let message = "at most one regular expression per rule";
        return Err(AppError::bad_input("input.conditions", message));
    }
    let mut stored = Vec::new();
    for condition in &input.conditions {
        let value = condition.value.trim();
        if value.is_empty() || value.chars().any(char::is_control) {
            let message = "a condition needs a value without control characters";
            return Err(AppError::bad_input("input.conditions", message));
        }
        if value.chars().count() > MAX_CONDITION_CHARS {
            let message = format!("a condition must be at most {MAX_CONDITION_CHARS} characters");
            return Err(AppError::bad_input("input.conditions", message));
        }
        if condition.op == TextOp::Regex {
            compile_regex("input.conditions", value)?;
        }
        stored.push(StoredCondition {
            op: condition.op.as_str().to_owned(),
            value: value.to_owned(),
        });
    }
    let amount_min_e4 = bound("input.amountMin", input.amount_min)?;
    let amount_max_e4 = bound("input.amountMax", input.amount_max)?;
    if let (Some(min), Some(max)) = (amount_min_e4, amount_max_e4)
        && min > max
    {
        let message = "amountMin must not be above amountMax";
        return Err(AppError::bad_input("input.amountMax", message));
    }
    if stored.is_empty()
        && amount_min_e4.is_none()
        && amount_max_e4.is_none()
        && input.account_id.is_none()
    {
        let message = "give at least one condition: description, amount or account";
        return Err(AppError::bad_input("input.conditions", message));
    }
    let add_tags = tags::normalize("input.addTags", &input.add_tags)?;
    if add_tags.len() > MAX_RULE_TAGS {
        let message = format!("a rule adds at most {MAX_RULE_TAGS} tags");
        return Err(AppError::bad_input("input.addTags", message));
    }
    let rename_to = text::optional_line(
        "input.renameTo",
        input.rename_to.as_deref(),
        MAX_DESCRIPTION_CHARS,
    )?;
    if input.category_id.is_none() && add_tags.is_empty() && rename_to.is_none() {
        let message = "give at least one action: categoryId, addTags or renameTo";
        return Err(AppError::bad_input("input", message));
    }
    Ok(Checked {
        name,
        conditions: serde_json::to_string(&stored).map_err(AppError::internal)?,
        amount_min_e4,
        amount_max_e4,
        add_tags: serde_json::to_string(&add_tags).map_err(AppError::internal)?,
        rename_to,
    })
}

/// An amount bound in units of 10⁻⁴; at most 4 decimals and 10¹² in size.
fn bound(field: &str, amount: Option<Decimal>) -> AppResult<Option<i64>> {
    let Some(amount) = amount else {
        return Ok(None);
    };
    let mut scaled = amount.normalize();
    if scaled.scale() > BOUND_SCALE {
        let message = format!("an amount bound has at most {BOUND_SCALE} decimals");
        return Err(AppError::bad_input(field, message));
    }
    scaled.rescale(BOUND_SCALE);
    let units = i64::try_from(scaled.mantissa()).ok();
    match units {
        Some(units) if units.unsigned_abs() <= (MAX_BOUND as u64) * 10_000 => Ok(Some(units)),
        _ => Err(AppError::bad_input(field, "the amount bound is too large")),
    }
}

/// A stored row as a [`Rule`].
pub(super) fn to_rule(model: rule::Model) -> AppResult<Rule> {
    let stored: Vec<StoredCondition> =
        serde_json::from_str(&model.description_conditions).map_err(AppError::internal)?;
    let conditions = stored
        .into_iter()
        .map(|c| {
            let op = TextOp::parse(&c.op)
                .ok_or_else(|| AppError::internal(anyhow::anyhow!("unknown rule operator")))?;
            Ok(TextCondition { op, value: c.value })
        })
        .collect::<AppResult<_>>()?;
    let add_tags: Vec<String> =
        serde_json::from_str(&model.add_tags).map_err(AppError::internal)?;
    Ok(Rule {
        id: model.id,
        position: model.position,
        name: model.name,
        conditions,
        amount_min: model
            .amount_min_e4
            .map(|v| Decimal::new(v, BOUND_SCALE).normalize()),
        amount_max: model
            .amount_max_e4
            .map(|v| Decimal::new(v, BOUND_SCALE).normalize()),
        account_id: model.account_id,
        category_id: model.category_id,
        add_tags,
        rename_to: model.rename_to,
        created_at: model.created_at,
        updated_at: model.updated_at,
    })
}
