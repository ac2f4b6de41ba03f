//! Transactions: the connection (Relay-style, keyset cursors), the by-id query and the
//! create/update/delete mutations.

use async_graphql::{
    ComplexObject, Context, Enum, InputObject, MaybeUndefined, Object, SimpleObject,
};

use super::accounts::Account;
use super::categories::Category;
use super::context::{services, viewer};
use super::loaders;
use super::scalars::{Date, DateTime, Money, Uuid};
use crate::auth::Viewer;
use crate::error::AppError;
use crate::service::Change;
use crate::service::transactions::{
    self, Direction, NewTransaction, Order, OrderField, TransactionFilter as Filter,
    TransactionPatch,
};

/// Default page size of `transactions`.
pub const DEFAULT_PAGE_SIZE: i32 = 50;
/// Largest page size of `transactions`.
pub const MAX_PAGE_SIZE: i32 = 200;

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
    #[graphql(skip)]
    account_id: uuid::Uuid,
    #[graphql(skip)]
    category_id: Option<uuid::Uuid>,
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
            account_id: t.account_id,
            category_id: t.category_id,
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
        let Some(id) = self.category_id else {
            return Ok(None);
        };
        Ok(loaders::category(ctx, id).await?.map(Category::from))
    }
}

/// An edge of the transactions connection.
#[derive(SimpleObject)]
pub struct TransactionEdge {
    /// Pass as `after` to continue after this transaction.
    pub cursor: String,
    pub node: Transaction,
}

/// Relay page information.
#[derive(SimpleObject)]
pub struct PageInfo {
    pub has_next_page: bool,
    /// True when this page was requested with `after`.
    pub has_previous_page: bool,
    pub start_cursor: Option<String>,
    pub end_cursor: Option<String>,
}

/// A page of transactions.
pub struct TransactionConnection {
    edges: Vec<TransactionEdge>,
    page_info: PageInfo,
    viewer: Viewer,
    filter: Filter,
}

#[Object]
impl TransactionConnection {
    async fn edges(&self) -> &[TransactionEdge] {
        &self.edges
    }

    async fn page_info(&self) -> &PageInfo {
        &self.page_info
    }

    /// How many transactions match the filter, over all pages (counted only when asked for).
    #[graphql(complexity = 5)]
    async fn total_count(&self, ctx: &Context<'_>) -> async_graphql::Result<u64> {
        Ok(transactions::count(&services(ctx).store, &self.viewer, &self.filter).await?)
    }
}

/// Which transactions to list; all parts are optional and combine with AND.
#[derive(InputObject, Default)]
pub struct TransactionFilter {
    /// On or after this date.
    pub date_from: Option<Date>,
    /// On or before this date.
    pub date_to: Option<Date>,
    /// In any of these accounts.
    pub account_ids: Option<Vec<Uuid>>,
    /// In any of these categories; a top-level category includes its sub-categories.
    pub category_ids: Option<Vec<Uuid>>,
    /// Description contains this text, ignoring case.
    pub search: Option<String>,
}

impl From<TransactionFilter> for Filter {
    fn from(filter: TransactionFilter) -> Self {
        let ids = |ids: Option<Vec<Uuid>>| ids.map(|ids| ids.into_iter().map(|id| id.0).collect());
        Self {
            date_from: filter.date_from.map(|d| d.0),
            date_to: filter.date_to.map(|d| d.0),
            account_ids: ids(filter.account_ids),
            category_ids: ids(filter.category_ids),
            search: filter.search,
        }
    }
}

/// What to sort transactions by.
#[derive(Enum, Clone, Copy, PartialEq, Eq, Default)]
pub enum TransactionOrderField {
    #[default]
    Date,
    Amount,
}

/// Sort direction.
#[derive(Enum, Clone, Copy, PartialEq, Eq, Default)]
pub enum SortDirection {
    Asc,
    #[default]
    Desc,
}

/// Sort order; ties are broken by id in the same direction.
#[derive(InputObject, Default)]
pub struct TransactionOrder {
    #[graphql(default)]
    pub field: TransactionOrderField,
    #[graphql(default)]
    pub direction: SortDirection,
}

impl From<TransactionOrder> for Order {
    fn from(order: TransactionOrder) -> Self {
        Self {
            field: match order.field {
                TransactionOrderField::Date => OrderField::Date,
                TransactionOrderField::Amount => OrderField::Amount,
            },
            direction: match order.direction {
                SortDirection::Asc => Direction::Asc,
                SortDirection::Desc => Direction::Desc,
            },
        }
    }
}

/// A new transaction.
#[derive(InputObject)]
pub struct CreateTransactionInput {
    /// Defaults to the viewer's default account.
    pub account_id: Option<Uuid>,
    pub category_id: Option<Uuid>,
    pub date: Date,
    /// Signed: negative is money out.
    pub amount: Money,
    /// 1–500 characters.
    pub description: String,
    /// Up to 5000 characters.
    pub notes: Option<String>,
}

/// Changes to a transaction: omitted fields stay as they are; `null` clears
/// `categoryId` and `notes`.
#[derive(InputObject)]
pub struct UpdateTransactionInput {
    pub account_id: Option<Uuid>,
    pub category_id: MaybeUndefined<Uuid>,
    pub date: Option<Date>,
    pub amount: Option<Money>,
    pub description: Option<String>,
    pub notes: MaybeUndefined<String>,
}

/// An optional input field as a [`Change`]: absent keeps, `null` clears, a value sets.
pub(super) fn change<T, U>(value: MaybeUndefined<T>, map: impl FnOnce(T) -> U) -> Change<U> {
    match value {
        MaybeUndefined::Undefined => Change::Keep,
        MaybeUndefined::Null => Change::Clear,
        MaybeUndefined::Value(value) => Change::Set(map(value)),
    }
}

#[derive(Default)]
pub struct TransactionQuery;

#[Object]
impl TransactionQuery {
    /// The viewer's transactions, newest first by default, a page at a time.
    #[graphql(
        complexity = "first.unwrap_or(DEFAULT_PAGE_SIZE).clamp(1, MAX_PAGE_SIZE) as usize * child_complexity + 1"
    )]
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
        let viewer = *viewer(ctx)?;
        let first = first.unwrap_or(DEFAULT_PAGE_SIZE);
        if !(1..=MAX_PAGE_SIZE).contains(&first) {
            let message = format!("first must be between 1 and {MAX_PAGE_SIZE}");
            return Err(AppError::bad_input("first", message).into());
        }
        let filter: Filter = filter.unwrap_or_default().into();
        let order: Order = order_by.unwrap_or_default().into();
        let page = transactions::list(
            &services(ctx).store,
            &viewer,
            &filter,
            order,
            u64::try_from(first).unwrap_or(1),
            after.as_deref(),
        )
        .await?;
        let edges: Vec<TransactionEdge> = page
            .edges
            .into_iter()
            .map(|(cursor, node)| TransactionEdge {
                cursor,
                node: node.into(),
            })
            .collect();
        prime_relations(ctx, &edges).await?;
        let page_info = PageInfo {
            has_next_page: page.has_next_page,
            has_previous_page: after.is_some(),
            start_cursor: edges.first().map(|e| e.cursor.clone()),
            end_cursor: edges.last().map(|e| e.cursor.clone()),
        };
        Ok(TransactionConnection {
            edges,
            page_info,
            viewer,
            filter,
        })
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
    let category_ids: Vec<_> = edges.iter().filter_map(|e| e.node.category_id).collect();
    let accounts = async {
        if node.field("account").exists() {
            loaders::prime_accounts(ctx, account_ids).await?;
        }
        Ok::<_, async_graphql::Error>(())
    };
    let categories = async {
        let category = node.field("category");
        if category.exists() {
            let loaded = loaders::prime_categories(ctx, category_ids).await?;
            if category.field("parent").exists() {
                let parents: Vec<_> = loaded.iter().filter_map(|c| c.parent_id).collect();
                loaders::prime_categories(ctx, parents).await?;
            }
        }
        Ok(())
    };
    tokio::try_join!(accounts, categories)?;
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
        };
        Ok(transactions::create(&services(ctx).store, viewer, new)
            .await?
            .into())
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
        };
        Ok(
            transactions::update(&services(ctx).store, viewer, id.0, patch)
                .await?
                .into(),
        )
    }

    /// Delete a transaction; returns its id.
    async fn delete_transaction(&self, ctx: &Context<'_>, id: Uuid) -> async_graphql::Result<Uuid> {
        let viewer = viewer(ctx)?;
        transactions::delete(&services(ctx).store, viewer, id.0).await?;
        Ok(id)
    }
}
