//! Reading a page of transactions: only the columns the caller will show, decoded by position.
//!
//! A page is the hot path of the API. Decoding whole models by column name formats and hashes
//! every column name of every row (and a joined model's names twice), which showed as a
//! tenth of the server's time in the benchmark profile; reading a column list by index does
//! neither, and leaving out the columns nobody asked for spares PostgreSQL sending them.

use sea_orm::sea_query::{Condition, Expr, ExprTrait, JoinType};
use sea_orm::{
    ConnectionTrait, DbErr, QueryResult, QuerySelect, QueryTrait, RelationTrait, Select,
};
use uuid::Uuid;

use super::Transaction;
use crate::money::Currency;
use crate::service::categories::{Category, CategoryKind};
use crate::service::entities::{category, transaction};

use transaction::Column as T;

/// Which columns of a page to read beyond the ones every page reads (id, date, amount and
/// currency: identity, cursors and running balances need them). A column left out is
/// decoded as a placeholder (empty text, nil id, `None`, the epoch): the caller promises
/// not to show it, so build this from what the request selects and read everything
/// ([`PageColumns::ALL`]) when unsure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageColumns {
    pub description: bool,
    pub notes: bool,
    pub transfer_id: bool,
    /// `created_at` and `updated_at`.
    pub timestamps: bool,
    pub account_id: bool,
    /// Also `category_id`, which only matters without the joined category.
    pub category: CategoryColumns,
}

/// How much of each transaction's category a page reads, by a join in the same statement
/// (in increasing order).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum CategoryColumns {
    /// No join; `category_id` is read so the category can be loaded later.
    Id,
    /// Only the category's name (the others are placeholders); no `category_id`.
    Name,
    /// The whole category, and `category_id`.
    Full,
}

impl PageColumns {
    /// Every column, the category not joined.
    pub const ALL: Self = Self {
        description: true,
        notes: true,
        transfer_id: true,
        timestamps: true,
        account_id: true,
        category: CategoryColumns::Id,
    };
    /// Every column, the whole category joined.
    pub const ALL_JOINED: Self = Self {
        category: CategoryColumns::Full,
        ..Self::ALL
    };
    /// The transaction columns to select, in decoding order.
    fn transaction_columns(&self) -> Vec<T> {
        let mut columns = vec![T::Id, T::Date, T::AmountMinor, T::Currency];
        let optional = [
            (self.description, T::Description),
            (self.notes, T::Notes),
            (self.transfer_id, T::TransferId),
            (self.timestamps, T::CreatedAt),
            (self.timestamps, T::UpdatedAt),
            (self.account_id, T::AccountId),
            (self.category != CategoryColumns::Name, T::CategoryId),
        ];
        columns.extend(optional.into_iter().filter(|(on, _)| *on).map(|(_, c)| c));
        columns
    }

    /// The joined category's columns after them.
    fn category_columns(&self) -> &'static [category::Column] {
        use category::Column as C;
        match self.category {
            CategoryColumns::Id => &[],
            CategoryColumns::Name => &[C::Name],
            CategoryColumns::Full => &[C::Id, C::ParentId, C::Name, C::Kind, C::Position],
        }
    }

    /// Does the page load each transaction's category with it?
    pub fn joins_category(&self) -> bool {
        self.category != CategoryColumns::Id
    }
}

/// `query` reading only `columns`; a joined category is joined on both its id and the owner,
/// so it can only be the viewer's own.
pub(super) fn select(
    query: Select<transaction::Entity>,
    columns: &PageColumns,
) -> Select<transaction::Entity> {
    let query = query.select_only().columns(columns.transaction_columns());
    if !columns.joins_category() {
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
        .columns(columns.category_columns().iter().copied())
}

/// The rows of `query` (built by [`select`] with `columns`; without a limit of its own), at
/// most `limit`.
///
/// The limit is written into the SQL rather than bound: PostgreSQL re-plans a prepared
/// statement with a bound `LIMIT` on every execution (its generic plan cannot know the
/// limit), which cost more than running the page itself. The limit is our own integer.
pub(super) async fn fetch(
    db: &impl ConnectionTrait,
    query: Select<transaction::Entity>,
    columns: &PageColumns,
    limit: u64,
) -> Result<Vec<PageRow>, DbErr> {
    let mut statement = query.build(db.get_database_backend());
    statement.sql.push_str(&format!(" LIMIT {limit}"));
    let rows = db.query_all_raw(statement).await?;
    rows.iter().map(|row| read(row, columns)).collect()
}

/// One row of a page: the transaction and, when joined, its category.
#[derive(Debug)]
pub(super) struct PageRow {
    pub transaction: Transaction,
    pub amount_minor: i64,
    /// `Some` when the page was read with categories.
    pub category: Option<Option<Category>>,
}

/// Decodes a row column by column, in the order [`PageColumns`] selects them.
struct Reader<'a> {
    row: &'a QueryResult,
    at: usize,
}

impl Reader<'_> {
    fn next<V: sea_orm::TryGetable>(&mut self) -> Result<V, DbErr> {
        let value = self.row.try_get_by_index(self.at)?;
        self.at += 1;
        Ok(value)
    }

    /// The next column if it was selected, else `V::default()` (a placeholder).
    fn next_if<V: sea_orm::TryGetable + Default>(&mut self, selected: bool) -> Result<V, DbErr> {
        if selected {
            self.next()
        } else {
            Ok(V::default())
        }
    }
}

fn read(row: &QueryResult, columns: &PageColumns) -> Result<PageRow, DbErr> {
    let mut r = Reader { row, at: 0 };
    let id = r.next()?;
    let date = r.next()?;
    let amount_minor: i64 = r.next()?;
    let currency: String = r.next()?;
    let currency = Currency::parse(&currency).map_err(|e| DbErr::Custom(e.to_string()))?;
    let description = r.next_if(columns.description)?;
    let notes = r.next_if(columns.notes)?;
    let transfer_id = r.next_if(columns.transfer_id)?;
    let created_at = r.next_if(columns.timestamps)?;
    let updated_at = r.next_if(columns.timestamps)?;
    let account_id = r.next_if(columns.account_id)?;
    let category_id = r.next_if(columns.category != CategoryColumns::Name)?;
    let category = match columns.category {
        CategoryColumns::Id => None,
        CategoryColumns::Name => Some(r.next::<Option<String>>()?.map(named)),
        CategoryColumns::Full => Some(full_category(&mut r)?),
    };
    let transaction = Transaction {
        id,
        account_id,
        category_id,
        date,
        amount: currency.from_minor(amount_minor),
        currency,
        description,
        notes,
        transfer_id,
        created_at,
        updated_at,
    };
    Ok(PageRow {
        transaction,
        amount_minor,
        category,
    })
}

/// A category known only by its name (the other fields are placeholders, never shown).
fn named(name: String) -> Category {
    Category {
        id: Uuid::nil(),
        parent_id: None,
        name,
        kind: CategoryKind::Expense,
        position: 0,
    }
}

/// The joined category (all its columns null without one).
fn full_category(r: &mut Reader<'_>) -> Result<Option<Category>, DbErr> {
    let id: Option<Uuid> = r.next()?;
    let parent_id = r.next()?;
    let name: Option<String> = r.next()?;
    let kind: Option<String> = r.next()?;
    let position: Option<i32> = r.next()?;
    let (Some(id), Some(name), Some(kind), Some(position)) = (id, name, kind, position) else {
        return Ok(None);
    };
    Ok(Some(Category {
        id,
        parent_id,
        name,
        kind: CategoryKind::from_stored(&kind),
        position,
    }))
}
