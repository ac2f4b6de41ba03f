//! The transactions connection: edges, page info and the lazily counted total.

use async_graphql::{ComplexObject, Context, Object, SimpleObject};

use super::Transaction;
use crate::auth::Viewer;
use crate::graphql::context::services;
use crate::graphql::paging::PageInfo;
use crate::service::transactions::cursor::Cursor;
use crate::service::transactions::{self, TransactionFilter as Filter};

/// An edge of the transactions connection.
#[derive(SimpleObject)]
#[graphql(complex)]
pub struct TransactionEdge {
    pub node: Transaction,
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
}

#[Object]
impl TransactionConnection {
    #[graphql(name = "edges")]
    async fn resolve_edges(&self) -> &[TransactionEdge] {
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
