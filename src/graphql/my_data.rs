//! The viewer's data as a whole: `exportMyData` (everything, as one JSON document) and
//! `deleteMyAccount` (everything, gone).

use async_graphql::{Context, Json, Object};

use super::context::{services, viewer};
use super::loaders;
use crate::service::my_data;

#[derive(Default)]
pub struct MyDataQuery;

#[Object]
impl MyDataQuery {
    /// Everything Tally holds about the viewer: profile, accounts, categories, transactions
    /// (with tags), budgets and valuations. Amounts are decimal strings. At most 100,000
    /// rows in all (unless the server sets `EXPORT_MAX_ROWS`), else `BAD_USER_INPUT`: export
    /// the transactions a range of dates at a time with `exportTransactions`. A heavy field:
    /// one per request.
    async fn export_my_data(
        &self,
        ctx: &Context<'_>,
    ) -> async_graphql::Result<Json<serde_json::Value>> {
        let viewer = viewer(ctx)?;
        let services = services(ctx);
        let max_rows = services.export_max_rows;
        Ok(Json(
            my_data::everything(&services.store, viewer, max_rows).await?,
        ))
    }
}

#[derive(Default)]
pub struct MyDataMutation;

#[Object]
impl MyDataMutation {
    /// Delete the viewer's user and all their data, for good. Needs the password, checked
    /// like a login (a wrong one counts toward the account lock and is refused like a failed
    /// login). Afterwards the token identifies no one: `me` answers `UNAUTHENTICATED`.
    async fn delete_my_account(
        &self,
        ctx: &Context<'_>,
        password: String,
    ) -> async_graphql::Result<bool> {
        let viewer = viewer(ctx)?;
        let services = services(ctx);
        let (store, hasher) = (&services.store, &services.hasher);
        let erased = my_data::erase(store, hasher, viewer, password, &services.lockout).await;
        loaders::after_write(ctx, erased)?;
        Ok(true)
    }
}
