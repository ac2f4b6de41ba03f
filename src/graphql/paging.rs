//! Relay page information, built the same way for every connection (transactions, the audit
//! log, the admin user list). The page-size rule itself is the service's (`service::page`);
//! a paged field's complexity is [`cost`]`(first, child_complexity)`.

use async_graphql::SimpleObject;

use crate::service::page::{DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE};

/// Relay page information.
#[derive(SimpleObject)]
pub struct PageInfo {
    pub has_next_page: bool,
    /// True when this page was requested with `after`.
    pub has_previous_page: bool,
    pub start_cursor: Option<String>,
    pub end_cursor: Option<String>,
}

impl PageInfo {
    /// The page info of a page whose elements have these cursors (in order); `after_cursor`:
    /// the page was asked for with one.
    pub fn new(
        has_next_page: bool,
        after_cursor: bool,
        mut cursors: impl DoubleEndedIterator<Item = String>,
    ) -> Self {
        let start_cursor = cursors.next();
        let end_cursor = cursors.next_back().or_else(|| start_cursor.clone());
        Self {
            has_next_page,
            has_previous_page: after_cursor,
            start_cursor,
            end_cursor,
        }
    }
}

/// The cost of a paged field for the complexity limit: its page size (as [`PageSize::new`]
/// would take it, clamped) times the cost of one element, plus the field itself.
pub fn cost(first: Option<i32>, per_element: usize) -> usize {
    let size = first.unwrap_or(DEFAULT_PAGE_SIZE).clamp(1, MAX_PAGE_SIZE);
    usize::try_from(size).unwrap_or(1) * per_element + 1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_costs_its_clamped_size_times_an_element() {
        assert_eq!(cost(Some(10_000), 3), 601);
        assert_eq!(cost(None, 2), 101);
        assert_eq!(cost(Some(-5), 7), 8);
    }

    #[test]
    fn start_and_end_are_the_first_and_last_cursor() {
        let info = PageInfo::new(true, false, ["a".to_owned()].into_iter());
        assert_eq!(
            (info.start_cursor.as_deref(), info.end_cursor.as_deref()),
            (Some("a"), Some("a"))
        );
        let info = PageInfo::new(false, true, std::iter::empty());
        assert_eq!((info.start_cursor, info.end_cursor), (None, None));
        assert!(info.has_previous_page && !info.has_next_page);
    }
}
