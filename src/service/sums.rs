//! Exact sums of minor units in SQL, on both databases, however many rows they add up.

use sea_orm::sea_query::Expr;

/// Splitting sums of minor units: each row's amount is `high * SPLIT + low` with `low` of the
/// amount's sign, so summing both parts separately never overflows a `BIGINT` (a high part
/// is at most 10^6, a low part below 10^9) even where the whole sum would.
const SPLIT: i64 = 1_000_000_000;

/// Select `SUM(expr)` exactly, as two `BIGINT` columns `{alias}_high` and `{alias}_low`
/// (see [`SPLIT`]), for any number of rows: the database's own `SUM` overflows a `BIGINT` on
/// both backends. Integer division and remainder truncate alike on SQLite and PostgreSQL.
/// Read the result back with [`joined`].
pub(super) fn exact_sum<S: sea_orm::QuerySelect>(query: S, expr: &str, alias: &str) -> S {
    query
        .column_as(
            Expr::cust(format!("CAST(SUM(({expr}) / {SPLIT}) AS BIGINT)")),
            format!("{alias}_high"),
        )
        .column_as(
            Expr::cust(format!("CAST(SUM(({expr}) % {SPLIT}) AS BIGINT)")),
            format!("{alias}_low"),
        )
}

/// The exact sum from the two parts [`exact_sum`] selected.
pub(super) fn joined(high: i64, low: i64) -> i128 {
    i128::from(high) * i128::from(SPLIT) + i128::from(low)
}
