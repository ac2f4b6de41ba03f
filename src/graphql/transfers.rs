//! Transfers as the API shows them: money moved between two of the viewer's accounts, as
//! two linked transactions.

use async_graphql::{Context, InputObject, MaybeUndefined, Object, SimpleObject};

use super::context::{services, viewer};
use super::scalars::{Date, Money, Uuid};
use super::transactions::Transaction;
use super::{change, loaders};
use crate::service::idempotency::Claim;
use crate::service::transactions::transfers::{self, NewTransfer, TransferPatch};

/// Money moved between two of the viewer's accounts: two linked transactions, never counted
/// as income or expense.
#[derive(SimpleObject)]
pub struct Transfer {
    pub id: Uuid,
    /// The side taking the money out (a negative amount).
    pub from: Transaction,
    /// The side bringing it in (a positive amount).
    pub to: Transaction,
}

impl From<transfers::Transfer> for Transfer {
    fn from(t: transfers::Transfer) -> Self {
        Self {
            id: Uuid(t.id),
            from: t.from.into(),
            to: t.to.into(),
        }
    }
}

/// A new transfer.
#[derive(InputObject)]
pub struct CreateTransferInput {
    pub from_account_id: Uuid,
    pub to_account_id: Uuid,
    /// What leaves the first account, positive, in its currency.
    pub amount: Money,
    /// What arrives, in the second account's currency: required between currencies; within
    /// one it equals `amount` and may be left out.
    pub to_amount: Option<Money>,
    pub date: Date,
    /// 1–500 characters.
    pub description: String,
    pub notes: Option<String>,
    /// A retry with the same key returns the first transfer and writes nothing.
    pub idempotency_key: Option<String>,
}

/// Changes to a transfer (both sides change together); omitted fields stay as they are.
#[derive(InputObject)]
pub struct UpdateTransferInput {
    pub amount: Option<Money>,
    pub to_amount: Option<Money>,
    pub date: Option<Date>,
    pub description: Option<String>,
    pub notes: MaybeUndefined<String>,
}

#[derive(Default)]
pub struct TransferQuery;

#[Object]
impl TransferQuery {
    /// One of the viewer's transfers.
    async fn transfer(&self, ctx: &Context<'_>, id: Uuid) -> async_graphql::Result<Transfer> {
        let viewer = viewer(ctx)?;
        Ok(transfers::get(&services(ctx).store, viewer, id.0)
            .await?
            .into())
    }
}

#[derive(Default)]
pub struct TransferMutation;

#[Object]
impl TransferMutation {
    /// Move money between two of the viewer's accounts.
    async fn create_transfer(
        &self,
        ctx: &Context<'_>,
        input: CreateTransferInput,
    ) -> async_graphql::Result<Transfer> {
        let viewer = viewer(ctx)?;
        let new = NewTransfer {
            from_account_id: input.from_account_id.0,
            to_account_id: input.to_account_id.0,
            amount: input.amount.0,
            to_amount: input.to_amount.map(|m| m.0),
            date: input.date.0,
            description: input.description,
            notes: input.notes,
        };
        let claim = match &input.idempotency_key {
            Some(key) => Some(Claim::new(key, "createTransfer", &new.fingerprint())?),
            None => None,
        };
        let written = loaders::after_write(
            ctx,
            transfers::create(&services(ctx).store, viewer, new, claim).await,
        )?;
        Ok(written.into())
    }

    /// Change a transfer: amounts, date, description or notes, on both sides.
    async fn update_transfer(
        &self,
        ctx: &Context<'_>,
        id: Uuid,
        input: UpdateTransferInput,
    ) -> async_graphql::Result<Transfer> {
        let viewer = viewer(ctx)?;
        let patch = TransferPatch {
            amount: input.amount.map(|m| m.0),
            to_amount: input.to_amount.map(|m| m.0),
            date: input.date.map(|d| d.0),
            description: input.description,
            notes: change(input.notes, |notes| notes),
        };
        let written = loaders::after_write(
            ctx,
            transfers::update(&services(ctx).store, viewer, id.0, patch).await,
        )?;
        Ok(written.into())
    }

    /// Delete a transfer (both sides); returns its id.
    async fn delete_transfer(&self, ctx: &Context<'_>, id: Uuid) -> async_graphql::Result<Uuid> {
        let viewer = viewer(ctx)?;
        loaders::after_write(
            ctx,
            transfers::delete(&services(ctx).store, viewer, id.0).await,
        )?;
        Ok(id)
    }
}
