//! The page-size rule every listing shares (transactions, the audit log, the admin user
//! list): `first` is 1 to [`MAX_PAGE_SIZE`], [`DEFAULT_PAGE_SIZE`] when left out, and one row
//! more than the page is read to learn whether another page follows. Positions between pages
//! are opaque cursors (`service::cursor`); the API's page info and the complexity of a paged
//! field are `graphql::paging`'s.

use crate::error::{AppError, AppResult};

/// Page size when a client does not say.
pub const DEFAULT_PAGE_SIZE: i32 = 50;
/// Largest page a client may ask for.
pub const MAX_PAGE_SIZE: i32 = 200;

/// A checked page size.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageSize(u64);

impl PageSize {
    /// `first` as a page size (the default when `None`); `BAD_USER_INPUT` on `first` outside
    /// 1 to [`MAX_PAGE_SIZE`].
    pub fn new(first: Option<i32>) -> AppResult<Self> {
        let first = first.unwrap_or(DEFAULT_PAGE_SIZE);
        match u64::try_from(first) {
            Ok(size) if (1..=MAX_PAGE_SIZE).contains(&first) => Ok(Self(size)),
            _ => Err(AppError::bad_input(
                "first",
                format!("first must be between 1 and {MAX_PAGE_SIZE}"),
            )),
        }
    }

    /// A page of `rows` for a listing the service reads itself (an export), not bounded by
    /// what a client may ask for.
    pub(super) const fn internal(rows: u64) -> Self {
        Self(rows)
    }

    /// How many rows to read: one more than the page, to learn whether another follows.
    pub fn limit(self) -> u64 {
        self.0 + 1
    }

    /// Cut the rows read with [`limit`](Self::limit) to the page; `true` when another page
    /// follows.
    pub fn cut<T>(self, mut rows: Vec<T>) -> (Vec<T>, bool) {
        let size = usize::try_from(self.0).unwrap_or(usize::MAX);
        let more = rows.len() > size;
        rows.truncate(size);
        (rows, more)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_is_one_to_the_maximum_and_defaults() {
        assert_eq!(PageSize::new(None).unwrap().limit(), 51);
        assert_eq!(PageSize::new(Some(200)).unwrap().limit(), 201);
        for refused in [0, -1, 201, i32::MAX, i32::MIN] {
            let err = PageSize::new(Some(refused)).unwrap_err();
            assert!(matches!(err, AppError::BadUserInput { ref field, .. } if field == "first"));
        }
    }

    #[test]
    fn the_extra_row_says_another_page_follows() {
        let size = PageSize::new(Some(2)).unwrap();
        assert_eq!(size.cut(vec![1, 2, 3]), (vec![1, 2], true));
        assert_eq!(size.cut(vec![1, 2]), (vec![1, 2], false));
    }
}
