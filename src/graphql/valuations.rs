//! Valuations as the API shows them: what an investment or property account was worth on a
//! date. Such an account's balance is its latest valuation plus the transactions after it.

use async_graphql::{ComplexObject, Context, InputObject, Object, SimpleObject};

use super::accounts::Account;
use super::context::{services, viewer};
use super::loaders;
use super::scalars::{Date, Money, Uuid};
use crate::error::AppError;
use crate::service::valuations;

/// What an investment or property account was worth on a date (a statement, an appraisal).
#[derive(SimpleObject)]
#[graphql(complex)]
pub struct Valuation {
    pub id: Uuid,
    pub date: Date,
    /// In the account's currency, with its decimals.
    pub value: Money,
    /// ISO 4217 code of `value` (the account's currency).
    pub currency: String,
    #[graphql(skip)]
    account_id: uuid::Uuid,
}

impl From<valuations::Valuation> for Valuation {
    fn from(v: valuations::Valuation) -> Self {
        Self {
            id: Uuid(v.id),
            date: Date(v.date),
            value: Money(v.value),
            currency: v.currency.code().to_owned(),
            account_id: v.account_id,
        }
    }
}

#[ComplexObject]
impl Valuation {
    /// The account valued.
    async fn account(&self, ctx: &Context<'_>) -> async_graphql::Result<Account> {
        let account = loaders::account(ctx, self.account_id).await?;
        Ok(account.ok_or(AppError::not_found("account"))?.into())
    }
}

#[derive(Default)]
pub struct ValuationQuery;

#[Object]
impl ValuationQuery {
    /// The viewer's valuations, newest first; only one account's when `accountId` is given.
    async fn valuations(
        &self,
        ctx: &Context<'_>,
        account_id: Option<Uuid>,
    ) -> async_graphql::Result<Vec<Valuation>> {
        let viewer = viewer(ctx)?;
        let list =
            valuations::list(&services(ctx).store, viewer, account_id.map(|id| id.0)).await?;
        Ok(list.into_iter().map(Valuation::from).collect())
    }
}

/// A valuation to record.
#[derive(InputObject)]
pub struct SetValuationInput {
    /// An INVESTMENT or PROPERTY account of the viewer.
    pub account_id: Uuid,
    pub date: Date,
    /// What the account was worth on `date`, in its currency.
    pub value: Money,
}

#[derive(Default)]
pub struct ValuationMutation;

#[Object]
impl ValuationMutation {
    /// Record what an investment or property account was worth on a date; replaces the
    /// valuation of that account and day if there is one.
    async fn set_valuation(
        &self,
        ctx: &Context<'_>,
        input: SetValuationInput,
    ) -> async_graphql::Result<Valuation> {
        let viewer = viewer(ctx)?;
        let store = &services(ctx).store;
        let (account_id, date, value) = (input.account_id.0, input.date.0, input.value.0);
        let set = valuations::set(store, viewer, account_id, date, value).await;
        let written = loaders::after_write(ctx, set)?;
        Ok(written.into())
    }

    /// Delete a valuation; returns its id.
    async fn delete_valuation(&self, ctx: &Context<'_>, id: Uuid) -> async_graphql::Result<Uuid> {
        let viewer = viewer(ctx)?;
        loaders::after_write(
            ctx,
            valuations::delete(&services(ctx).store, viewer, id.0).await,
        )?;
        Ok(id)
    }
}
