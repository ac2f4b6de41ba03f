//! Rules as the API shows them: the ordered list, create / replace / delete / move, and a
//! saved rule previewed against or applied to existing transactions a bounded batch at a
//! time (`previewRule` and `applyRule` are heavy fields: one per document).

use async_graphql::{ComplexObject, Context, Enum, InputObject, Object, SimpleObject};

use super::accounts::Account;
use super::categories::Category;
use super::context::{services, viewer};
use super::loaders;
use super::scalars::{DateTime, Money, Uuid};
use crate::service::rules::{self, existing};

/// How a description condition compares; always ignoring case.
#[derive(Enum, Clone, Copy, PartialEq, Eq)]
#[graphql(remote = "rules::TextOp")]
pub enum RuleTextOp {
    Contains,
    StartsWith,
    Equals,
    /// A regular expression (Rust `regex` syntax, at most 200 characters), found anywhere.
    Regex,
}

/// One condition on the description.
#[derive(SimpleObject, InputObject, Clone)]
#[graphql(input_name = "RuleConditionInput")]
pub struct RuleCondition {
    pub op: RuleTextOp,
    pub value: String,
}

/// A rule: when every condition holds for a transaction being written, its actions apply to
/// the fields the request left out. Rules run in `position` order.
#[derive(SimpleObject)]
#[graphql(complex)]
pub struct Rule {
    pub id: Uuid,
    /// 0-based place in the order.
    pub position: i32,
    pub name: String,
    /// Conditions on the description; all must hold.
    pub conditions: Vec<RuleCondition>,
    /// Lowest signed amount matched, inclusive.
    pub amount_min: Option<Money>,
    /// Highest signed amount matched, inclusive.
    pub amount_max: Option<Money>,
    pub account_id: Option<Uuid>,
    pub category_id: Option<Uuid>,
    /// Tags added (when the request gives none).
    pub add_tags: Vec<String>,
    /// The description given to matching imported transactions.
    pub rename_to: Option<String>,
    pub created_at: DateTime,
    pub updated_at: DateTime,
}

impl From<rules::Rule> for Rule {
    fn from(rule: rules::Rule) -> Self {
        Self {
            id: Uuid(rule.id),
            position: rule.position,
            name: rule.name,
            conditions: rule
                .conditions
                .into_iter()
                .map(|c| RuleCondition {
                    op: c.op.into(),
                    value: c.value,
                })
                .collect(),
            amount_min: rule.amount_min.map(Money),
            amount_max: rule.amount_max.map(Money),
            account_id: rule.account_id.map(Uuid),
            category_id: rule.category_id.map(Uuid),
            add_tags: rule.add_tags,
            rename_to: rule.rename_to,
            created_at: DateTime(rule.created_at),
            updated_at: DateTime(rule.updated_at),
        }
    }
}

#[ComplexObject]
impl Rule {
    /// The account the rule is limited to.
    async fn account(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Account>> {
        let Some(id) = self.account_id else {
            return Ok(None);
        };
        Ok(loaders::account(ctx, id.0).await?.map(Account::from))
    }

    /// The category the rule sets.
    async fn category(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Category>> {
        let Some(id) = self.category_id else {
            return Ok(None);
        };
        Ok(loaders::category(ctx, id.0).await?.map(Category::from))
    }
}

/// A rule's name, conditions (at least one: description, amount or account) and actions (at
/// least one: category, tags or rename).
#[derive(InputObject)]
pub struct RuleInput {
    /// 1–100 characters.
    pub name: String,
    /// At most 5, at most one of them `REGEX`; values 1–200 characters.
    #[graphql(default)]
    pub conditions: Vec<RuleCondition>,
    pub amount_min: Option<Money>,
    pub amount_max: Option<Money>,
    pub account_id: Option<Uuid>,
    pub category_id: Option<Uuid>,
    /// At most 5 tags.
    #[graphql(default)]
    pub add_tags: Vec<String>,
    pub rename_to: Option<String>,
}

impl From<RuleInput> for rules::RuleInput {
    fn from(input: RuleInput) -> Self {
        Self {
            name: input.name,
            conditions: input
                .conditions
                .into_iter()
                .map(|c| rules::TextCondition {
                    op: c.op.into(),
                    value: c.value,
                })
                .collect(),
            amount_min: input.amount_min.map(|m| m.0),
            amount_max: input.amount_max.map(|m| m.0),
            account_id: input.account_id.map(|id| id.0),
            category_id: input.category_id.map(|id| id.0),
            add_tags: input.add_tags,
            rename_to: input.rename_to,
        }
    }
}

/// What applying a rule would change on one existing transaction.
#[derive(SimpleObject)]
#[graphql(complex)]
pub struct RuleChange {
    pub transaction_id: Uuid,
    /// The description now.
    pub description: String,
    /// The category it would get, when that changes.
    pub category_id: Option<Uuid>,
    /// Tags it would gain.
    pub add_tags: Vec<String>,
    /// Its new description, when that changes.
    pub rename_to: Option<String>,
}

#[ComplexObject]
impl RuleChange {
    /// The category it would get, when that changes.
    async fn category(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Category>> {
        let Some(id) = self.category_id else {
            return Ok(None);
        };
        Ok(loaders::category(ctx, id.0).await?.map(Category::from))
    }
}

/// A page of a rule's preview. `scanned` transactions were looked at; while `hasMore`, pass
/// `endCursor` as `after` to look further.
#[derive(SimpleObject)]
pub struct RulePreview {
    pub changes: Vec<RuleChange>,
    pub scanned: i32,
    pub end_cursor: Option<String>,
    pub has_more: bool,
}

/// What one `applyRule` call did; while `hasMore`, call again with `after: endCursor`.
#[derive(SimpleObject)]
pub struct ApplyRulePayload {
    pub scanned: i32,
    pub changed: i32,
    pub end_cursor: Option<String>,
    pub has_more: bool,
}

fn count(n: u64) -> i32 {
    i32::try_from(n).unwrap_or(i32::MAX)
}

#[derive(Default)]
pub struct RuleQuery;

#[Object]
impl RuleQuery {
    /// The viewer's rules, in the order they run.
    async fn rules(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<Rule>> {
        let viewer = viewer(ctx)?;
        let all = rules::list(&services(ctx).store, viewer).await?;
        Ok(all.into_iter().map(Rule::from).collect())
    }

    /// One rule of the viewer.
    async fn rule(&self, ctx: &Context<'_>, id: Uuid) -> async_graphql::Result<Rule> {
        let viewer = viewer(ctx)?;
        Ok(rules::get(&services(ctx).store, viewer, id.0).await?.into())
    }

    /// What the saved rule `id` would change among existing transactions: at most `first`
    /// (1–50, default 20) changes, looking at at most 2,000 transactions per call, from
    /// `after` (an `endCursor`). A heavy field: one per document.
    #[graphql(complexity = "50 + 10 * child_complexity")]
    async fn preview_rule(
        &self,
        ctx: &Context<'_>,
        id: Uuid,
        first: Option<i32>,
        after: Option<String>,
    ) -> async_graphql::Result<RulePreview> {
        let viewer = viewer(ctx)?;
        let store = &services(ctx).store;
        let preview = existing::preview(store, viewer, id.0, first, after.as_deref()).await?;
        Ok(RulePreview {
            changes: preview
                .changes
                .into_iter()
                .map(|c| RuleChange {
                    transaction_id: Uuid(c.transaction_id),
                    description: c.description,
                    category_id: c.category_id.map(Uuid),
                    add_tags: c.add_tags,
                    rename_to: c.rename_to,
                })
                .collect(),
            scanned: count(preview.scanned),
            has_more: preview.next.is_some(),
            end_cursor: preview.next,
        })
    }
}

#[derive(Default)]
pub struct RuleMutation;

#[Object]
impl RuleMutation {
    /// Add a rule at the end of the order (at most 100 rules).
    async fn create_rule(
        &self,
        ctx: &Context<'_>,
        input: RuleInput,
    ) -> async_graphql::Result<Rule> {
        let viewer = viewer(ctx)?;
        let created = rules::create(&services(ctx).store, viewer, input.into()).await;
        Ok(loaders::after_write(ctx, created)?.into())
    }

    /// Replace a rule's name, conditions and actions; its place stays.
    async fn update_rule(
        &self,
        ctx: &Context<'_>,
        id: Uuid,
        input: RuleInput,
    ) -> async_graphql::Result<Rule> {
        let viewer = viewer(ctx)?;
        let updated = rules::update(&services(ctx).store, viewer, id.0, input.into()).await;
        Ok(loaders::after_write(ctx, updated)?.into())
    }

    /// Delete a rule; the ones after it move up. Returns its id.
    async fn delete_rule(&self, ctx: &Context<'_>, id: Uuid) -> async_graphql::Result<Uuid> {
        let viewer = viewer(ctx)?;
        let deleted = rules::delete(&services(ctx).store, viewer, id.0).await;
        loaders::after_write(ctx, deleted)?;
        Ok(id)
    }

    /// Move a rule to `position` (0-based; past the end means last); returns all rules in
    /// their new order.
    async fn move_rule(
        &self,
        ctx: &Context<'_>,
        id: Uuid,
        position: i32,
    ) -> async_graphql::Result<Vec<Rule>> {
        let viewer = viewer(ctx)?;
        let moved = rules::move_to(&services(ctx).store, viewer, id.0, position).await;
        Ok(loaders::after_write(ctx, moved)?
            .into_iter()
            .map(Rule::from)
            .collect())
    }

    /// Apply the saved rule `id` to the next 500 existing transactions from `after`, in one
    /// short database transaction; call again with `endCursor` while `hasMore`. A heavy field.
    async fn apply_rule(
        &self,
        ctx: &Context<'_>,
        id: Uuid,
        after: Option<String>,
    ) -> async_graphql::Result<ApplyRulePayload> {
        let viewer = viewer(ctx)?;
        let store = &services(ctx).store;
        let applied = existing::apply(store, viewer, id.0, after.as_deref()).await;
        let applied = loaders::after_write(ctx, applied)?;
        Ok(ApplyRulePayload {
            scanned: count(applied.scanned),
            changed: count(applied.changed),
            has_more: applied.next.is_some(),
            end_cursor: applied.next,
        })
    }
}
