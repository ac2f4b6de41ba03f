//! Changing a selection of transactions in one request: `updateTransactions` (categorise,
//! tag, untag) and `deleteTransactions`. Each is one database transaction — all or nothing
//! — over at most 200 of the viewer's transactions; any id that is not theirs is
//! `NOT_FOUND` and nothing changes. Each transaction is audited as a change of it alone.

use async_graphql::{Context, InputObject, MaybeUndefined, Object};

use super::Transaction;
use crate::graphql::context::{services, viewer};
use crate::graphql::scalars::Uuid;
use crate::graphql::{change, loaders};
use crate::service::transactions::batch::{self, BatchPatch};

/// The same change to several transactions.
#[derive(InputObject)]
pub struct UpdateTransactionsInput {
    /// 1 to 200 of the viewer's transactions (repeats count once).
    pub ids: Vec<Uuid>,
    /// The category every one gets; `null` clears it; omitted keeps each one's own. A leg
    /// of a transfer cannot get a category.
    pub category_id: MaybeUndefined<Uuid>,
    /// Tags to add to every one (trimmed, lower-cased; at most 20 per transaction).
    #[graphql(default)]
    pub add_tags: Vec<String>,
    /// Tags to take off every one that has them.
    #[graphql(default)]
    pub remove_tags: Vec<String>,
}

/// What one id of a batch weighs in a document's complexity: a batch of 200 is a large part
/// of the limit, so a document cannot hold many.
const PER_ID: usize = 20;

#[derive(Default)]
pub struct TransactionBatchMutation;

#[Object]
impl TransactionBatchMutation {
    /// Apply one change to several transactions at once, all or nothing; returns them,
    /// newest first.
    #[graphql(complexity = "input.ids.len().max(1) * (PER_ID + child_complexity)")]
    async fn update_transactions(
        &self,
        ctx: &Context<'_>,
        input: UpdateTransactionsInput,
    ) -> async_graphql::Result<Vec<Transaction>> {
        let viewer = viewer(ctx)?;
        let ids: Vec<uuid::Uuid> = input.ids.iter().map(|id| id.0).collect();
        let patch = BatchPatch {
            category_id: change(input.category_id, |id| id.0),
            add_tags: input.add_tags,
            remove_tags: input.remove_tags,
        };
        let changed = batch::update_many(&services(ctx).store, viewer, &ids, patch).await;
        let changed = loaders::after_write(ctx, changed)?;
        Ok(changed.into_iter().map(Transaction::from).collect())
    }

    /// Delete several transactions at once, all or nothing (a leg of a transfer deletes the
    /// whole transfer); returns how many transactions were deleted.
    #[graphql(complexity = "ids.len().max(1) * PER_ID")]
    async fn delete_transactions(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "1 to 200 of the viewer's transactions.")] ids: Vec<Uuid>,
    ) -> async_graphql::Result<u64> {
        let viewer = viewer(ctx)?;
        let ids: Vec<uuid::Uuid> = ids.iter().map(|id| id.0).collect();
        let deleted = batch::delete_many(&services(ctx).store, viewer, &ids).await;
        Ok(loaders::after_write(ctx, deleted)?)
    }
}
