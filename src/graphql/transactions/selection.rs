//! The columns a transactions page must read for what the request selects on its nodes.
//!
//! Every field a page's `Transaction` may show is listed here with the columns it needs; a
//! field this module does not know (one added to the type later) reads every column, so a
//! new field is never shown from a placeholder. Fragments and aliases are followed by
//! async-graphql's look-ahead; `@skip`/`@include` are not evaluated, which only reads more.

use async_graphql::{Context, SelectionField};

use crate::service::transactions::{CategoryColumns, PageColumns};

/// The columns for the `edges { node { … } }` selection of the `transactions` field in `ctx`.
pub fn page_columns(ctx: &Context<'_>) -> PageColumns {
    let mut columns = PageColumns {
        description: false,
        notes: false,
        transfer_id: false,
        timestamps: false,
        account_id: false,
        category: CategoryColumns::Id,
    };
    let nodes = ctx.look_ahead().field("edges").field("node");
    for node in nodes.selection_fields() {
        for field in node.selection_set() {
            match field.name() {
                // Read on every page.
                "id" | "date" | "amount" | "currency" | "__typename" => {}
                // Resolved by the transaction's id.
                "tags" => {}
                "description" => columns.description = true,
                "notes" => columns.notes = true,
                "transferId" => columns.transfer_id = true,
                "createdAt" | "updatedAt" => columns.timestamps = true,
                "account" => columns.account_id = true,
                "category" => columns.category = columns.category.max(category_columns(field)),
                _ => return PageColumns::ALL_JOINED,
            }
        }
    }
    columns
}

/// The name alone when the category's selection shows nothing else.
fn category_columns(category: SelectionField<'_>) -> CategoryColumns {
    let name_only = category
        .selection_set()
        .all(|field| matches!(field.name(), "name" | "__typename"));
    if name_only {
        CategoryColumns::Name
    } else {
        CategoryColumns::Full
    }
}
