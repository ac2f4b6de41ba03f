//! The transactions connection: edges (with running balances when one account is listed by
//! date), page info, and the lazily computed total count and per-currency totals.

mod plain;

use std::borrow::Cow;

use async_graphql::parser::types::Field;
use async_graphql::registry::Registry;
use async_graphql::{
    ComplexObject, Context, ContextSelectionSet, Object, OutputType, Positioned, ServerResult,
    SimpleObject, Value,
};

use super::Transaction;
use crate::auth::Viewer;
use crate::error::AppError;
use crate::graphql::context::services;
use crate::graphql::paging::PageInfo;
use crate::graphql::scalars::Money;
use crate::money::Currency;
use crate::service::transactions::cursor::Cursor;
use crate::service::transactions::running;
use crate::service::transactions::totals::{self, CurrencyTotal as Total};
use crate::service::transactions::{self, TransactionFilter as Filter};

/// An edge of the transactions connection.
#[derive(SimpleObject)]
#[graphql(complex)]
pub struct TransactionEdge {
    pub node: Transaction,
    /// The ledger balance of the transaction's account right after it, in date order (ties
    /// by id): its opening balance plus every transaction up to this one. Set when the
    /// filter names exactly one account (`accountIds: [id]`) and the order is by date;
    /// null otherwise.
    pub running_balance: Option<Money>,
    #[graphql(skip)]
    position: Cursor,
}

#[ComplexObject]
impl TransactionEdge {
    /// Pass as `after` to continue after this transaction.
    async fn cursor(&self) -> String {
        self.position.encode()
    }
}

/// A page of transactions.
pub struct TransactionConnection {
    edges: Vec<TransactionEdge>,
    page_info: PageInfo,
    viewer: Viewer,
    filter: Filter,
}

impl TransactionConnection {
    /// The connection of one listed page (`after_cursor`: the page was asked for with one).
    pub fn new(
        page: transactions::Page,
        after_cursor: bool,
        viewer: Viewer,
        filter: Filter,
    ) -> Self {
        let edges: Vec<TransactionEdge> = page
            .edges
            .into_iter()
            .map(|edge| TransactionEdge {
                node: Transaction::with_category(edge.transaction, edge.category),
                running_balance: None,
                position: edge.cursor,
            })
            .collect();
        let cursors = edges.iter().map(|e| e.position.encode());
        let page_info = PageInfo::new(page.has_next_page, after_cursor, cursors);
        Self {
            edges,
            page_info,
            viewer,
            filter,
        }
    }

    /// The page's edges, for priming the loaders.
    pub fn edges(&self) -> &[TransactionEdge] {
        &self.edges
    }

    /// Give each edge (a page of `account`'s transactions) its running balance: one
    /// statement.
    pub async fn add_running_balances(
        &mut self,
        ctx: &Context<'_>,
        account: uuid::Uuid,
    ) -> async_graphql::Result<()> {
        let Some(first) = self.edges.first() else {
            return Ok(());
        };
        let currency = Currency::parse(&first.node.currency).map_err(AppError::internal)?;
        let rows: Vec<_> = self
            .edges
            .iter()
            .map(|e| (e.node.date.0, e.node.id.0))
            .collect();
        let store = &services(ctx).store;
        let balances = running::after_each(store, &self.viewer, account, currency, &rows).await?;
        for edge in &mut self.edges {
            edge.running_balance = balances.get(&edge.node.id.0).copied().map(Money);
        }
        Ok(())
    }
}

/// The matching transactions of one currency, over all pages.
#[derive(SimpleObject)]
pub struct CurrencyTotal {
    /// ISO 4217 code of the amounts.
    pub currency: String,
    /// How many transactions.
    pub count: i64,
    /// The sum of the positive amounts.
    pub money_in: Money,
    /// The sum of the negative amounts (zero or negative).
    pub money_out: Money,
    /// `moneyIn + moneyOut`.
    pub net: Money,
}

impl From<Total> for CurrencyTotal {
    fn from(total: Total) -> Self {
        Self {
            currency: total.currency.code().to_owned(),
            count: total.count,
            money_in: Money(total.money_in),
            money_out: Money(total.money_out),
            net: Money(total.net),
        }
    }
}

#[Object]
impl TransactionConnection {
    #[graphql(name = "edges")]
    async fn resolve_edges(&self) -> Edges<'_> {
        Edges(&self.edges)
    }

    async fn page_info(&self) -> &PageInfo {
        &self.page_info
    }

    /// How many transactions match the filter, over all pages (counted only when asked for).
    #[graphql(complexity = 5)]
    async fn total_count(&self, ctx: &Context<'_>) -> async_graphql::Result<u64> {
        Ok(transactions::count(&services(ctx).store, &self.viewer, &self.filter).await?)
    }

    /// The totals of every transaction the filter matches (not just this page), one per
    /// currency, by code: amounts in different currencies are never added up. An aggregate
    /// over all matching rows, so a document may select it once (fragments expanded).
    #[graphql(complexity = 5)]
    async fn totals(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<CurrencyTotal>> {
        let store = &services(ctx).store;
        let found = totals::totals(store, &self.viewer, &self.filter).await?;
        Ok(found.into_iter().map(CurrencyTotal::from).collect())
    }
}

/// The `edges` of a page: the field's type is `[TransactionEdge!]!`, resolved in one pass
/// when the selection allows it ([`plain`]), else as any list.
pub struct Edges<'a>(&'a [TransactionEdge]);

impl OutputType for Edges<'_> {
    fn type_name() -> Cow<'static, str> {
        <&[TransactionEdge]>::type_name()
    }

    fn qualified_type_name() -> String {
        <&[TransactionEdge]>::qualified_type_name()
    }

    fn create_type_info(registry: &mut Registry) -> String {
        <&[TransactionEdge]>::create_type_info(registry)
    }

    async fn resolve(
        &self,
        ctx: &ContextSelectionSet<'_>,
        field: &Positioned<Field>,
    ) -> ServerResult<Value> {
        match plain::edges(ctx, self.0) {
            Some(value) => Ok(value),
            None => self.0.resolve(ctx, field).await,
        }
    }
}
