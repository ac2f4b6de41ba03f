//! Transactions: the connection (Relay-style, keyset cursors), the by-id query and the
//! create/update/delete mutations.

mod batch;
mod connection;
mod inputs;
mod selection;

use async_graphql::{ComplexObject, Context, Object, SimpleObject};

use super::accounts::Account;
use super::categories::Category;
use super::context::{services, viewer};
use super::scalars::{Date, DateTime, Money, Uuid};
use super::{change, loaders, paging};
use crate::error::AppError;
use crate::service::categories;
use crate::service::idempotency::Claim;
use crate::service::page::PageSize;
use crate::service::transactions::{
    self, NewTransaction, Order, OrderField, TransactionFilter as Filter, TransactionPatch,
};

pub use batch::{TransactionBatchMutation, UpdateTransactionsInput};
pub use connection::{CurrencyTotal, TransactionConnection, TransactionEdge};
pub use inputs::{
    CreateTransactionInput, SortDirection, TransactionFilter, TransactionOrder,
    TransactionOrderField, UpdateTransactionInput,
};

/// Money in or out of an account: negative amounts are money out.
#[derive(SimpleObject)]
#[graphql(complex)]
pub struct Transaction {
    pub id: Uuid,
    pub date: Date,
    /// Signed: negative is money out. In the account's currency, with its decimals.
    pub amount: Money,
    /// ISO 4217 code of `amount`.
    pub currency: String,
    pub description: String,
    pub notes: Option<String>,
    pub created_at: DateTime,
    pub updated_at: DateTime,
    /// Set when this is one side of a transfer between the viewer's accounts.
    pub transfer_id: Option<Uuid>,
    #[graphql(skip)]
    account_id: uuid::Uuid,
    #[graphql(skip)]
    category_id: Option<uuid::Uuid>,
    /// The category, when it was loaded with the page.
    #[graphql(skip)]
    preloaded_category: Option<Option<categories::Category>>,
}

impl Transaction {
    /// A listed transaction whose category (if it was loaded with the page) goes with it.
    pub fn with_category(
        t: transactions::Transaction,
        category: Option<Option<categories::Category>>,
    ) -> Self {
        Self {
            preloaded_category: category,
            ..t.into()
        }
    }
}

impl From<transactions::Transaction> for Transaction {
    fn from(t: transactions::Transaction) -> Self {
        Self {
            id: Uuid(t.id),
            date: Date(t.date),
            amount: Money(t.amount),
            currency: t.currency.code().to_owned(),
            description: t.description,
            notes: t.notes,
            created_at: DateTime(t.created_at),
            updated_at: DateTime(t.updated_at),
            transfer_id: t.transfer_id.map(Uuid),
            account_id: t.account_id,
            category_id: t.category_id,
            preloaded_category: None,
        }
    }
}

#[ComplexObject]
impl Transaction {
    /// The account this transaction belongs to.
    async fn account(&self, ctx: &Context<'_>) -> async_graphql::Result<Account> {
        let account = loaders::account(ctx, self.account_id).await?;
        Ok(account.ok_or(AppError::not_found("account"))?.into())
    }

    /// The category, if the transaction has one.
    async fn category(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Category>> {
        if let Some(preloaded) = &self.preloaded_category {
            return Ok(preloaded.clone().map(Category::from));
        }
        let Some(id) = self.category_id else {
            return Ok(None);
        };
        Ok(loaders::category(ctx, id).await?.map(Category::from))
    }

    /// Free-text labels, in alphabetical order.
    async fn tags(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<String>> {
        loaders::tags(ctx, self.id.0).await
    }
}

/// A tag and how much it is used.
#[derive(SimpleObject)]
pub struct TagUsage {
    pub name: String,
    pub transaction_count: i64,
}

#[derive(Default)]
pub struct TransactionQuery;

#[Object]
impl TransactionQuery {
    /// The viewer's transactions, newest first by default, a page at a time.
    #[graphql(complexity = "paging::cost(first, child_complexity)")]
    async fn transactions(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Page size, 1 to 200 (default 50).")] first: Option<i32>,
        #[graphql(desc = "Cursor of the last transaction of the previous page.")] after: Option<
            String,
        >,
        filter: Option<TransactionFilter>,
        order_by: Option<TransactionOrder>,
    ) -> async_graphql::Result<TransactionConnection> {
        let viewer = viewer(ctx)?.clone();
        let size = PageSize::new(first)?;
        let filter: Filter = filter.unwrap_or_default().into();
        let order: Order = order_by.unwrap_or_default().into();
        let page = transactions::list(
            &services(ctx).store,
            &viewer,
            &filter,
            order,
            size,
            after.as_deref(),
            selection::page_columns(ctx),
        )
        .await?;
        let single_account = match filter.account_ids.as_deref() {
            Some([account]) if order.field == OrderField::Date => Some(*account),
            _ => None,
        };
        let mut connection = TransactionConnection::new(page, after.is_some(), viewer, filter);
        let wants_running = ctx
            .look_ahead()
            .field("edges")
            .field("runningBalance")
            .exists();
        if let (true, Some(account)) = (wants_running, single_account) {
            connection.add_running_balances(ctx, account).await?;
        }
        prime_relations(ctx, connection.edges()).await?;
        Ok(connection)
    }

    /// The tags the viewer uses, by name, with how many transactions carry each.
    async fn tags(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<TagUsage>> {
        let viewer = viewer(ctx)?;
        let tags = transactions::tags::all(&services(ctx).store, viewer).await?;
        Ok(tags
            .into_iter()
            .map(|(name, uses)| TagUsage {
                name,
                transaction_count: uses,
            })
            .collect())
    }

    /// One of the viewer's transactions.
    async fn transaction(&self, ctx: &Context<'_>, id: Uuid) -> async_graphql::Result<Transaction> {
        let viewer = viewer(ctx)?;
        Ok(transactions::get(&services(ctx).store, viewer, id.0)
            .await?
            .into())
    }
}

/// Load the accounts, categories and parent categories the selection asks for, one batch
/// each, before the rows resolve: a fixed number of statements however long the page, and
/// no waiting on the loaders' batching window.
async fn prime_relations(
    ctx: &Context<'_>,
    edges: &[TransactionEdge],
) -> async_graphql::Result<()> {
    let node = ctx.look_ahead().field("edges").field("node");
    let account_ids: Vec<_> = edges.iter().map(|e| e.node.account_id).collect();
    let ids: Vec<_> = edges.iter().map(|e| e.node.id.0).collect();
    let tags = async {
        if node.field("tags").exists() {
            loaders::prime_tags(ctx, ids).await?;
        }
        Ok::<_, async_graphql::Error>(())
    };
    let accounts = async {
        if node.field("account").exists() {
            loaders::prime_accounts(ctx, account_ids).await?;
        }
        Ok::<_, async_graphql::Error>(())
    };
    let categories = async {
        let category = node.field("category");
        if category.field("parent").exists() {
            // The categories came with the page; their parents are one more batch.
            let parents: Vec<_> = edges
                .iter()
                .filter_map(|e| e.node.preloaded_category.as_ref())
                .flatten()
                .filter_map(|c| c.parent_id)
                .collect();
            loaders::prime_categories(ctx, parents).await?;
        }
        Ok(())
    };
    tokio::try_join!(accounts, categories, tags)?;
    Ok(())
}

#[derive(Default)]
pub struct TransactionMutation;

#[Object]
impl TransactionMutation {
    /// Record a transaction.
    async fn create_transaction(
        &self,
        ctx: &Context<'_>,
        input: CreateTransactionInput,
    ) -> async_graphql::Result<Transaction> {
        let viewer = viewer(ctx)?;
        let new = NewTransaction {
            account_id: input.account_id.map(|id| id.0),
            category_id: input.category_id.map(|id| id.0),
            date: input.date.0,
            amount: input.amount.0,
            description: input.description,
            notes: input.notes,
            tags: input.tags,
        };
        let claim = match &input.idempotency_key {
            Some(key) => Some(Claim::new(key, "createTransaction", &new.fingerprint())?),
            None => None,
        };
        let store = &services(ctx).store;
        let rules = crate::service::rules::for_writes(store, viewer).await?;
        let written = loaders::after_write(
            ctx,
            transactions::create(store, viewer, new, claim, &rules).await,
        )?;
        Ok(written.into())
    }

    /// Change some fields of a transaction.
    async fn update_transaction(
        &self,
        ctx: &Context<'_>,
        id: Uuid,
        input: UpdateTransactionInput,
    ) -> async_graphql::Result<Transaction> {
        let viewer = viewer(ctx)?;
        let patch = TransactionPatch {
            account_id: input.account_id.map(|id| id.0),
            category_id: change(input.category_id, |id| id.0),
            date: input.date.map(|d| d.0),
            amount: input.amount.map(|a| a.0),
            description: input.description,
            notes: change(input.notes, |notes| notes),
            tags: input.tags,
        };
        let written = loaders::after_write(
            ctx,
            transactions::update(&services(ctx).store, viewer, id.0, patch).await,
        )?;
        Ok(written.into())
    }

    /// Delete a transaction; returns its id. Deleting one side of a transfer deletes the
    /// transfer.
    async fn delete_transaction(&self, ctx: &Context<'_>, id: Uuid) -> async_graphql::Result<Uuid> {
        let viewer = viewer(ctx)?;
        loaders::after_write(
            ctx,
            transactions::delete(&services(ctx).store, viewer, id.0).await,
        )?;
        Ok(id)
    }
}
