//! Budgets as the API shows them: a planned amount per expense category and month, and how
//! a month's budgets stand (`budgetStatus`).

use async_graphql::{ComplexObject, Context, InputObject, Object, SimpleObject};

use super::categories::Category;
use super::context::{services, viewer};
use super::loaders;
use super::scalars::{Money, Month, Uuid};
use crate::error::AppError;
use crate::service::budgets::{self, NewBudget};

/// How much the viewer means to spend in an expense category in a month. A budget on a
/// top-level category covers its sub-categories too.
#[derive(SimpleObject)]
#[graphql(complex)]
pub struct Budget {
    pub id: Uuid,
    pub month: Month,
    /// Zero or more, with the currency's decimals.
    pub amount: Money,
    /// ISO 4217 code of `amount`.
    pub currency: String,
    #[graphql(skip)]
    category_id: uuid::Uuid,
}

impl From<budgets::Budget> for Budget {
    fn from(b: budgets::Budget) -> Self {
        Self {
            id: Uuid(b.id),
            month: Month(b.month),
            amount: Money(b.amount),
            currency: b.currency.code().to_owned(),
            category_id: b.category_id,
        }
    }
}

#[ComplexObject]
impl Budget {
    /// The expense category budgeted.
    async fn category(&self, ctx: &Context<'_>) -> async_graphql::Result<Category> {
        let category = loaders::category(ctx, self.category_id).await?;
        Ok(category.ok_or(AppError::not_found("category"))?.into())
    }
}

/// One budget and how it stands.
#[derive(SimpleObject)]
pub struct BudgetLine {
    pub budget: Budget,
    pub budgeted: Money,
    /// Money out of the category (and, for a top-level category, its sub-categories) in the
    /// month, net of refunds; transfers never count. Negative when refunds exceed purchases.
    pub spent: Money,
    /// Budgeted minus spent; negative when overspent.
    pub remaining: Money,
    /// False for a sub-category's budget whose parent category has a budget too: that line
    /// is a limit inside the parent's, so the totals leave it out rather than count the
    /// spending twice.
    pub counted_in_totals: bool,
    /// Spent as a percentage of budgeted (over 100 when overspent, negative when refunds
    /// exceed purchases); null when nothing is budgeted.
    pub used_percent: Option<Money>,
}

impl From<budgets::BudgetLine> for BudgetLine {
    fn from(line: budgets::BudgetLine) -> Self {
        Self {
            budgeted: Money(line.budgeted),
            spent: Money(line.spent),
            remaining: Money(line.remaining),
            counted_in_totals: line.counted_in_totals,
            used_percent: line.used_percent.map(Money),
            budget: line.budget.into(),
        }
    }
}

/// A month's budgets in one currency, and their totals.
#[derive(SimpleObject)]
pub struct BudgetStatus {
    pub month: Month,
    /// ISO 4217 code of every amount here; only budgets and transactions in it count.
    pub currency: String,
    pub lines: Vec<BudgetLine>,
    /// Sum of the lines counted in totals.
    pub total_budgeted: Money,
    /// Sum of the lines counted in totals.
    pub total_spent: Money,
    pub total_remaining: Money,
    /// Total spent as a percentage of total budgeted; null when nothing is budgeted.
    pub total_used_percent: Option<Money>,
    /// The month's expenses outside every budget — categories without one and
    /// uncategorized money out — net of refunds.
    pub unbudgeted_spent: Money,
}

impl From<budgets::BudgetStatus> for BudgetStatus {
    fn from(s: budgets::BudgetStatus) -> Self {
        Self {
            month: Month(s.month),
            currency: s.currency.code().to_owned(),
            lines: s.lines.into_iter().map(BudgetLine::from).collect(),
            total_budgeted: Money(s.total_budgeted),
            total_spent: Money(s.total_spent),
            total_remaining: Money(s.total_remaining),
            total_used_percent: s.total_used_percent.map(Money),
            unbudgeted_spent: Money(s.unbudgeted_spent),
        }
    }
}

#[derive(Default)]
pub struct BudgetQuery;

#[Object]
impl BudgetQuery {
    /// The viewer's budgets for a month, in every currency.
    async fn budgets(&self, ctx: &Context<'_>, month: Month) -> async_graphql::Result<Vec<Budget>> {
        let viewer = viewer(ctx)?;
        let list = budgets::list(&services(ctx).store, viewer, month.0).await?;
        Ok(list.into_iter().map(Budget::from).collect())
    }

    /// How the month's budgets in one currency stand: budgeted, spent and remaining.
    async fn budget_status(
        &self,
        ctx: &Context<'_>,
        month: Month,
        #[graphql(desc = "ISO 4217 code; default the viewer's base currency.")] currency: Option<
            String,
        >,
    ) -> async_graphql::Result<BudgetStatus> {
        let viewer = viewer(ctx)?;
        let store = &services(ctx).store;
        Ok(budgets::status(store, viewer, month.0, currency.as_deref())
            .await?
            .into())
    }
}

/// A budget to set.
#[derive(InputObject)]
pub struct SetBudgetInput {
    /// An EXPENSE category of the viewer (top-level or sub-category).
    pub category_id: Uuid,
    pub month: Month,
    /// Zero or more, with at most the currency's decimals.
    pub amount: Money,
    /// ISO 4217 code; default the viewer's base currency.
    pub currency: Option<String>,
}

#[derive(Default)]
pub struct BudgetMutation;

#[Object]
impl BudgetMutation {
    /// Set the budget of a category for a month; replaces the amount and currency of the
    /// budget it already has that month.
    async fn set_budget(
        &self,
        ctx: &Context<'_>,
        input: SetBudgetInput,
    ) -> async_graphql::Result<Budget> {
        let viewer = viewer(ctx)?;
        let new = NewBudget {
            category_id: input.category_id.0,
            month: input.month.0,
            amount: input.amount.0,
            currency: input.currency,
        };
        let written =
            loaders::after_write(ctx, budgets::set(&services(ctx).store, viewer, new).await)?;
        Ok(written.into())
    }

    /// Delete a budget; returns its id.
    async fn delete_budget(&self, ctx: &Context<'_>, id: Uuid) -> async_graphql::Result<Uuid> {
        let viewer = viewer(ctx)?;
        loaders::after_write(
            ctx,
            budgets::delete(&services(ctx).store, viewer, id.0).await,
        )?;
        Ok(id)
    }

    /// Copy the previous month's budgets into `month`, skipping categories that already
    /// have a budget in `month`; returns all the budgets of `month`.
    async fn copy_budgets(
        &self,
        ctx: &Context<'_>,
        month: Month,
    ) -> async_graphql::Result<Vec<Budget>> {
        let viewer = viewer(ctx)?;
        let list = loaders::after_write(
            ctx,
            budgets::copy_previous(&services(ctx).store, viewer, month.0).await,
        )?;
        Ok(list.into_iter().map(Budget::from).collect())
    }
}
