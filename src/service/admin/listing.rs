//! The user list for administrators: oldest first (ids are UUID v7, so id order is sign-up
//! order), a page at a time after an opaque keyset cursor, optionally narrowed by a search
//! on username or email.

use sea_orm::sea_query::{Condition, Expr, ExprTrait};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect};
use uuid::Uuid;

use super::{AdminUser, require_admin};
use crate::auth::Viewer;
use crate::error::AppResult;
use crate::service::entities::user;
use crate::service::page::PageSize;
use crate::service::{Store, cursor, text};

/// Longest accepted search text, in characters.
const MAX_SEARCH_CHARS: usize = 100;

/// Prefix of the cursor text, so a cursor of another listing is refused.
const CURSOR_PREFIX: &str = "user:";

/// One page of users.
#[derive(Debug, Clone)]
pub struct Page {
    pub users: Vec<AdminUser>,
    pub has_next_page: bool,
}

/// The opaque cursor that continues a listing after the user `id`.
pub fn cursor_of(id: Uuid) -> String {
    cursor::wrap(&format!("{CURSOR_PREFIX}{id}"))
}

/// Read a client's cursor back; `BAD_USER_INPUT` on `after` if it is not one of ours.
fn decode_cursor(encoded: &str) -> AppResult<Uuid> {
    let text = cursor::unwrap(encoded)?;
    let id = text
        .strip_prefix(CURSOR_PREFIX)
        .ok_or_else(cursor::invalid)?;
    Uuid::parse_str(id).map_err(|_| cursor::invalid())
}

/// Users whose username or email contains `search` (case-insensitive; blank: everyone).
/// Both columns are stored lower-cased, so a lower-cased `LIKE` works alike on SQLite and
/// PostgreSQL; `%`, `_` and `\` in the search match themselves.
fn matching(search: Option<&str>) -> AppResult<Condition> {
    let Some(text) = search.map(str::trim).filter(|text| !text.is_empty()) else {
        return Ok(Condition::all());
    };
    let pattern = text::search_pattern("search", text, MAX_SEARCH_CHARS)?;
    Ok(Condition::any()
        .add(Expr::col(user::Column::UsernameKey).like(pattern.clone()))
        .add(Expr::col(user::Column::Email).like(pattern)))
}

/// A page of at most `size` users matching `search`, after the cursor `after`.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn list(
    store: &Store,
    viewer: &Viewer,
    search: Option<&str>,
    size: PageSize,
    after: Option<&str>,
) -> AppResult<Page> {
    require_admin(store.conn(), viewer).await?;
    let mut query = user::Entity::find().filter(matching(search)?);
    if let Some(cursor) = after {
        query = query.filter(user::Column::Id.gt(decode_cursor(cursor)?));
    }
    let rows = query
        .order_by_asc(user::Column::Id)
        .limit(size.limit())
        .all(store.conn())
        .await?;
    let (rows, has_next_page) = size.cut(rows);
    Ok(Page {
        users: rows.into_iter().map(AdminUser::from).collect(),
        has_next_page,
    })
}

/// How many users match `search`, over all pages.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn count(store: &Store, viewer: &Viewer, search: Option<&str>) -> AppResult<u64> {
    require_admin(store.conn(), viewer).await?;
    let query = user::Entity::find().filter(matching(search)?);
    Ok(query.count(store.conn()).await?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use base64::Engine;
    use base64::engine::general_purpose::URL_SAFE_NO_PAD;

    #[test]
    fn cursors_round_trip_and_foreign_ones_are_refused() {
        let id = Uuid::now_v7();
        assert_eq!(decode_cursor(&cursor_of(id)).unwrap(), id);
        let foreign = URL_SAFE_NO_PAD.encode(format!("v1|d|2026-01-01|{id}"));
        for bad in [foreign.as_str(), "", "not base64!", &"A".repeat(200)] {
            assert!(decode_cursor(bad).is_err(), "{bad:?} accepted");
        }
    }

    #[test]
    fn a_too_long_search_is_refused_and_a_blank_one_matches_everyone() {
        assert!(matching(Some(&"a".repeat(MAX_SEARCH_CHARS + 1))).is_err());
        assert!(matching(Some(&"a".repeat(MAX_SEARCH_CHARS))).is_ok());
        assert!(matching(Some("   ")).unwrap().is_empty());
    }
}
