//! Relay connections for any [`Resource`]: keyset cursors, root pages in one statement,
//! nested pages for many parents in one window-function statement, and `totalCount`
//! computed only when selected.

pub mod batch_sizes;
mod connection;
mod cursor;
mod decode;
mod keys;
mod keyset;
mod loader;
mod page;
pub mod prefetch;
mod resource;
pub mod with_children;
pub mod with_parents;

pub use batch_sizes::BatchSizes;
pub use connection::{Connection, Edge, PageInfo};
pub use cursor::{Cursor, SortValue};
pub use decode::{DecodeByPosition, decode_all as by_position};
pub use keys::{ById, ChildKey, Via};
pub use loader::DbLoader;
pub use page::{Page, PageArgs, PageLimits};
pub use prefetch::Prefetched;
pub use resource::{Column, FilterEnv, Resource};
pub use with_children::{Extra, Parent, RowExtras};
pub use with_parents::{Join, ToOne};
