//! Reading one user's audit log, newest first, a page at a time.
//!
//! Pages are keyset pages on `(created_at desc, id desc)` — the order of the
//! `idx_audit_events_user` index — so a deep page costs what the first does, and events
//! written meanwhile never make a page skip or repeat one. The cursor is opaque to clients
//! (base64url) and carries the position exactly (nanoseconds where the database keeps them),
//! so the comparison in SQL matches the stored value.

use chrono::{DateTime, SecondsFormat, Utc};
use sea_orm::sea_query::Condition;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use uuid::Uuid;

use super::Action;
use crate::auth::Viewer;
use crate::error::{AppError, AppResult};
use crate::service::entities::audit_event::{self, Column};
use crate::service::page::PageSize;
use crate::service::{Store, calendar, cursor};

/// One event of the log, as its owner (or an admin) may read it.
#[derive(Debug, Clone)]
pub struct Entry {
    pub id: Uuid,
    pub action: Action,
    pub entity_type: Option<String>,
    pub entity_id: Option<String>,
    pub reason: Option<String>,
    pub ip: Option<String>,
    pub user_agent: Option<String>,
    pub created_at: DateTime<Utc>,
    /// Who acted: the user themselves, or an admin acting on their account.
    pub actor_id: Option<Uuid>,
}

impl Entry {
    /// The opaque cursor of this event: pass it as `after` to continue after it.
    pub fn cursor(&self) -> String {
        let at = self.created_at.to_rfc3339_opts(SecondsFormat::AutoSi, true);
        cursor::wrap(&format!("a1|{at}|{}", self.id))
    }
}

/// A page of the log, newest first, and whether older events follow.
#[derive(Debug)]
pub struct Page {
    pub entries: Vec<Entry>,
    pub has_next_page: bool,
}

/// The viewer's own audit log: at most `size` events, newest first, after the `after`
/// cursor.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn mine(
    store: &Store,
    viewer: &Viewer,
    size: PageSize,
    after: Option<&str>,
) -> AppResult<Page> {
    page_of(store, viewer.user_id(), size, after).await
}

/// Any user's audit log, as [`mine`] reads the viewer's. This reads the log of whatever
/// `user_id` it is given, so only the service layer can call it: for the viewer's own id
/// ([`mine`]) or after the administrator check (`admin::audit_log`).
#[tracing::instrument(level = "debug", skip_all)]
pub(in crate::service) async fn page_of(
    store: &Store,
    user_id: Uuid,
    size: PageSize,
    after: Option<&str>,
) -> AppResult<Page> {
    let mut query = audit_event::Entity::find().filter(Column::UserId.eq(user_id));
    if let Some(after) = after {
        let (at, id) = decode(after)?;
        query = query.filter(
            Condition::any().add(Column::CreatedAt.lt(at)).add(
                Condition::all()
                    .add(Column::CreatedAt.eq(at))
                    .add(Column::Id.lt(id)),
            ),
        );
    }
    let rows = query
        .order_by_desc(Column::CreatedAt)
        .order_by_desc(Column::Id)
        .limit(size.limit())
        .all(store.conn())
        .await?;
    let (rows, has_next_page) = size.cut(rows);
    let entries = rows
        .into_iter()
        .map(to_entry)
        .collect::<AppResult<Vec<_>>>()?;
    Ok(Page {
        entries,
        has_next_page,
    })
}

fn to_entry(row: audit_event::Model) -> AppResult<Entry> {
    let action = Action::parse(&row.action).ok_or_else(|| {
        AppError::internal(anyhow::anyhow!("unknown audit action {:?}", row.action))
    })?;
    Ok(Entry {
        id: row.id,
        action,
        entity_type: row.entity_type,
        entity_id: row.entity_id,
        reason: row.reason,
        ip: row.ip,
        user_agent: row.user_agent,
        created_at: row.created_at,
        actor_id: row.actor_id,
    })
}

/// The position a client's cursor names; `BAD_USER_INPUT` on `after` if it is not one of ours.
fn decode(encoded: &str) -> AppResult<(DateTime<Utc>, Uuid)> {
    let invalid = cursor::invalid;
    let plain = cursor::unwrap(encoded)?;
    let mut parts = plain.split('|');
    match (parts.next(), parts.next(), parts.next(), parts.next()) {
        (Some("a1"), Some(at), Some(id), None) => {
            let at = DateTime::parse_from_rfc3339(at).map_err(|_| invalid())?;
            let at = at.with_timezone(&Utc);
            // Events are stamped by the server's clock: a cursor outside the supported
            // years was never handed out.
            if !calendar::is_supported(at.date_naive()) {
                return Err(invalid());
            }
            let id = Uuid::parse_str(id).map_err(|_| invalid())?;
            Ok((at, id))
        }
        _ => Err(invalid()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use base64::Engine;
    use base64::engine::general_purpose::URL_SAFE_NO_PAD;

    fn entry(created_at: DateTime<Utc>) -> Entry {
        Entry {
            id: Uuid::now_v7(),
            action: Action::Created,
            entity_type: None,
            entity_id: None,
            reason: None,
            ip: None,
            user_agent: None,
            created_at,
            actor_id: None,
        }
    }

    #[test]
    fn a_cursor_names_its_event_to_the_nanosecond() {
        for nanos in [0, 120_000_000, 123_456_000, 123_456_789] {
            let at = DateTime::from_timestamp(1_800_000_000, nanos).unwrap_or_default();
            let event = entry(at);
            let decoded = decode(&event.cursor()).map_err(|err| err.message());
            assert_eq!(decoded, Ok((at, event.id)));
        }
    }

    #[test]
    fn a_foreign_or_tampered_cursor_is_bad_input() {
        let plain = |text: &str| URL_SAFE_NO_PAD.encode(text);
        for cursor in [
            "not base64 !".to_owned(),
            plain("v1|d|2026-01-01|00000000-0000-0000-0000-000000000000"),
            plain("a1|yesterday|00000000-0000-0000-0000-000000000000"),
            plain("a1|2026-01-01T00:00:00Z|nope"),
            plain("a1|2026-01-01T00:00:00Z|00000000-0000-0000-0000-000000000000|x"),
            plain("a1|0001-01-01T00:00:00Z|00000000-0000-0000-0000-000000000000"),
            plain("a1|9999-12-31T23:00:00-05:00|00000000-0000-0000-0000-000000000000"),
            "A".repeat(201),
        ] {
            let refused = decode(&cursor).map(|_| ()).map_err(|err| err.message());
            assert_eq!(refused, Err(cursor::invalid().message()), "{cursor}");
        }
    }
}
