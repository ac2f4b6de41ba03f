//! The recurring mutations: schedules, and one date of a schedule.

use async_graphql::{Context, Object};

use super::input::{OccurrenceEditInput, RecurringScheduleInput};
use super::{Occurrence, RecurringSchedule};
use crate::graphql::context::{services, viewer};
use crate::graphql::loaders;
use crate::graphql::scalars::{Date, Uuid};
use crate::service::recurring::{self, occurrences};

#[derive(Default)]
pub struct RecurringMutation;

#[Object]
impl RecurringMutation {
    /// Create a recurring schedule (at most 200 per user). It writes no date before today.
    async fn create_recurring_schedule(
        &self,
        ctx: &Context<'_>,
        input: RecurringScheduleInput,
    ) -> async_graphql::Result<RecurringSchedule> {
        let input = input.into_service()?;
        let store = &services(ctx).store;
        let created = recurring::create(store, viewer(ctx)?, input).await;
        Ok(loaders::after_write(ctx, created)?.into())
    }

    /// Replace a schedule's definition; dates already handled stay as they are.
    async fn update_recurring_schedule(
        &self,
        ctx: &Context<'_>,
        id: Uuid,
        input: RecurringScheduleInput,
    ) -> async_graphql::Result<RecurringSchedule> {
        let input = input.into_service()?;
        let store = &services(ctx).store;
        let updated = recurring::update(store, viewer(ctx)?, id.0, input).await;
        Ok(loaders::after_write(ctx, updated)?.into())
    }

    /// Delete a schedule (what it wrote stays); returns its id.
    async fn delete_recurring_schedule(
        &self,
        ctx: &Context<'_>,
        id: Uuid,
    ) -> async_graphql::Result<Uuid> {
        let deleted = recurring::delete(&services(ctx).store, viewer(ctx)?, id.0).await;
        loaders::after_write(ctx, deleted)?;
        Ok(id)
    }

    /// Skip one date of a schedule: nothing is written for it.
    async fn skip_occurrence(
        &self,
        ctx: &Context<'_>,
        schedule_id: Uuid,
        date: Date,
    ) -> async_graphql::Result<Occurrence> {
        let store = &services(ctx).store;
        let skipped = occurrences::skip(store, viewer(ctx)?, schedule_id.0, date.0).await;
        Ok(loaders::after_write(ctx, skipped)?.into())
    }

    /// Change the amount, description or date of one coming (or due) date of a schedule.
    async fn edit_occurrence(
        &self,
        ctx: &Context<'_>,
        schedule_id: Uuid,
        date: Date,
        input: OccurrenceEditInput,
    ) -> async_graphql::Result<Occurrence> {
        let store = &services(ctx).store;
        let (viewer, id) = (viewer(ctx)?, schedule_id.0);
        let edited = occurrences::edit(store, viewer, id, date.0, input.into()).await;
        Ok(loaders::after_write(ctx, edited)?.into())
    }

    /// Write one date (up to today) of a schedule now — a suggested one, usually. Written
    /// once however often it is confirmed.
    async fn confirm_occurrence(
        &self,
        ctx: &Context<'_>,
        schedule_id: Uuid,
        date: Date,
    ) -> async_graphql::Result<Occurrence> {
        let store = &services(ctx).store;
        let confirmed = occurrences::confirm(store, viewer(ctx)?, schedule_id.0, date.0).await;
        Ok(loaders::after_write(ctx, confirmed)?.into())
    }
}
