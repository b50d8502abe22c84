//! Relay paging arguments, validated once into a [`Page`].

use super::cursor::Cursor;
use crate::error::{AppError, AppResult};

/// The four Relay arguments as received.
#[derive(Debug, Default, Clone)]
pub struct PageArgs {
    pub first: Option<i32>,
    pub after: Option<String>,
    pub last: Option<i32>,
    pub before: Option<String>,
}

/// Which page of an ordered list to read.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Page {
    /// Reading from the end (`last`), so rows are fetched in reverse and flipped back.
    pub backward: bool,
    pub limit: u64,
    pub after: Option<Cursor>,
    pub before: Option<Cursor>,
}

/// Page size bounds from the configuration.
#[derive(Clone, Copy, Debug)]
pub struct PageLimits {
    pub default: u64,
    pub max: u64,
}

impl Page {
    pub fn parse(args: PageArgs, limits: PageLimits) -> AppResult<Page> {
        let size = |name: &str, value: i32| -> AppResult<u64> {
            if value < 0 {
                return Err(AppError::bad_input(format!(
                    "`{name}` must not be negative"
                )));
            }
            let value = value as u64;
            if value > limits.max {
                return Err(AppError::bad_input(format!(
                    "`{name}` must be at most {}",
                    limits.max
                )));
            }
            Ok(value)
        };
        let (backward, limit) = match (args.first, args.last) {
            (Some(_), Some(_)) => {
                return Err(AppError::bad_input(
                    "use either `first` or `last`, not both",
                ));
            }
            (Some(first), None) => (false, size("first", first)?),
            (None, Some(last)) => (true, size("last", last)?),
            (None, None) => (
                args.before.is_some() && args.after.is_none(),
                limits.default,
            ),
        };
        let cursor = |raw: Option<String>| raw.as_deref().map(Cursor::decode).transpose();
        Ok(Page {
            backward,
            limit,
            after: cursor(args.after)?,
            before: cursor(args.before)?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const LIMITS: PageLimits = PageLimits {
        default: 20,
        max: 100,
    };

    #[test]
    fn defaults_to_the_first_page() {
        let page = Page::parse(PageArgs::default(), LIMITS).unwrap();
        assert!(!page.backward);
        assert_eq!(page.limit, 20);
    }

    #[test]
    fn rejects_pages_over_the_maximum_and_negative_sizes() {
        for args in [
            PageArgs {
                first: Some(101),
                ..Default::default()
            },
            PageArgs {
                last: Some(101),
                ..Default::default()
            },
            PageArgs {
                first: Some(-1),
                ..Default::default()
            },
            PageArgs {
                first: Some(1),
                last: Some(1),
                ..Default::default()
            },
        ] {
            assert!(matches!(
                Page::parse(args, LIMITS),
                Err(AppError::BadUserInput(_))
            ));
        }
    }

    #[test]
    fn last_reads_backward() {
        let page = Page::parse(
            PageArgs {
                last: Some(5),
                ..Default::default()
            },
            LIMITS,
        )
        .unwrap();
        assert!(page.backward);
        assert_eq!(page.limit, 5);
    }
}
