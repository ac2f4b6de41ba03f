//! Reading a page of transactions: only the columns a page shows, decoded by position.
//!
//! A page is the hot path of the API. Decoding whole models by column name formats and hashes
//! every column name of every row (and a joined model's names twice), which showed as a
//! tenth of the server's time in the benchmark profile; reading a fixed column list by index
//! does neither.

use sea_orm::sea_query::{Condition, Expr, ExprTrait, JoinType};
use sea_orm::{
    ConnectionTrait, DbErr, FromQueryResult, QueryResult, QuerySelect, QueryTrait, RelationTrait,
    Select,
};
use uuid::Uuid;

use super::Transaction;
use crate::money::Currency;
use crate::service::categories::{Category, CategoryKind};
use crate::service::entities::{category, transaction};

use transaction::Column as T;

/// The transaction columns a page reads, in the order [`PageRow`] decodes them.
const COLUMNS: [T; 11] = [
    T::Id,
    T::AccountId,
    T::CategoryId,
    T::Date,
    T::AmountMinor,
    T::Currency,
    T::Description,
    T::Notes,
    T::TransferId,
    T::CreatedAt,
    T::UpdatedAt,
];

/// The category columns a page reads after them, when it loads categories.
const CATEGORY_COLUMNS: [category::Column; 5] = [
    category::Column::Id,
    category::Column::ParentId,
    category::Column::Name,
    category::Column::Kind,
    category::Column::Position,
];

/// `query` reading only the page's columns; with `with_categories`, each transaction's
/// category joined on both its id and the owner, so it can only be the viewer's own.
pub(super) fn select(
    query: Select<transaction::Entity>,
    with_categories: bool,
) -> Select<transaction::Entity> {
    let query = query.select_only().columns(COLUMNS);
    if !with_categories {
        return query;
    }
    let same_owner = |left, right| {
        Condition::all().add(
            Expr::col((right, category::Column::UserId))
                .eq(Expr::col((left, transaction::Column::UserId))),
        )
    };
    let relation = transaction::Relation::Category
        .def()
        .on_condition(same_owner);
    query
        .join(JoinType::LeftJoin, relation)
        .columns(CATEGORY_COLUMNS)
}

/// The rows of `query` (which must not have a limit of its own), at most `limit`, decoded
/// as `M`.
///
/// The limit is written into the SQL rather than bound: PostgreSQL re-plans a prepared
/// statement with a bound `LIMIT` on every execution (its generic plan cannot know the
/// limit), which cost more than running the page itself. The limit is our own integer.
pub(super) async fn fetch<M: FromQueryResult>(
    db: &impl ConnectionTrait,
    query: Select<transaction::Entity>,
    limit: u64,
) -> Result<Vec<M>, DbErr> {
    let mut statement = query.build(db.get_database_backend());
    statement.sql.push_str(&format!(" LIMIT {limit}"));
    M::find_by_statement(statement).all(db).await
}

/// One row of a page: the transaction and, when joined, its category.
#[derive(Debug)]
pub(super) struct PageRow {
    pub transaction: Transaction,
    pub amount_minor: i64,
    /// `Some` when the page was read with categories.
    pub category: Option<Option<Category>>,
}

/// A row of a page read without categories.
pub(super) struct Plain(pub PageRow);

/// A row of a page read with categories.
pub(super) struct Joined(pub PageRow);

impl FromQueryResult for Plain {
    fn from_query_result(row: &QueryResult, _prefix: &str) -> Result<Self, DbErr> {
        read(row, false).map(Self)
    }
}

impl FromQueryResult for Joined {
    fn from_query_result(row: &QueryResult, _prefix: &str) -> Result<Self, DbErr> {
        read(row, true).map(Self)
    }
}

fn read(row: &QueryResult, with_category: bool) -> Result<PageRow, DbErr> {
    {
        let currency: String = row.try_get_by_index(5)?;
        let currency = Currency::parse(&currency).map_err(|e| DbErr::Custom(e.to_string()))?;
        let amount_minor: i64 = row.try_get_by_index(4)?;
        let transaction = Transaction {
            id: row.try_get_by_index(0)?,
            account_id: row.try_get_by_index(1)?,
            category_id: row.try_get_by_index(2)?,
            date: row.try_get_by_index(3)?,
            amount: currency.from_minor(amount_minor),
            currency,
            description: row.try_get_by_index(6)?,
            notes: row.try_get_by_index(7)?,
            transfer_id: row.try_get_by_index(8)?,
            created_at: row.try_get_by_index(9)?,
            updated_at: row.try_get_by_index(10)?,
        };
        let category = if with_category {
            Some(category_at(row, COLUMNS.len())?)
        } else {
            None
        };
        Ok(PageRow {
            transaction,
            amount_minor,
            category,
        })
    }
}

/// The joined category starting at column `at` (all null without one).
fn category_at(row: &QueryResult, at: usize) -> Result<Option<Category>, DbErr> {
    let Some(id) = row.try_get_by_index::<Option<Uuid>>(at)? else {
        return Ok(None);
    };
    let kind: String = row.try_get_by_index(at + 3)?;
    Ok(Some(Category {
        id,
        parent_id: row.try_get_by_index(at + 1)?,
        name: row.try_get_by_index(at + 2)?,
        kind: CategoryKind::from_stored(&kind),
        position: row.try_get_by_index(at + 4)?,
    }))
}
