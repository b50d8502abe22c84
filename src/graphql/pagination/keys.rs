//! The keys the per-request loader batches on. Siblings whose keys share a [`Window`]
//! are served by one statement.

use std::hash::{DefaultHasher, Hash, Hasher};
use std::ops::Deref;
use std::sync::Arc;

use sea_orm::IdenStatic;

use super::page::Page;
use super::resource::{Column, Resource};

/// Look a node up by its database id (scoped: out of scope reads as absent).
pub struct ById<R>(pub i32, std::marker::PhantomData<R>);

impl<R> ById<R> {
    pub fn new(id: i32) -> Self {
        ById(id, std::marker::PhantomData)
    }
}

/// The foreign-key column a child list hangs from, compared by name.
pub struct Via<R: Resource>(pub Column<R>);

/// One page of the children of one parent.
pub struct ChildKey<R: Resource> {
    pub parent: i32,
    pub window: Window<R>,
}

/// What siblings share when their children are listed: one statement serves them all.
///
/// Shared and hashed once, when made: the DataLoader clones and hashes every key
/// several times (its pending sets, the answer's map, the prefetch store), and a
/// window's filter is most of a key. Hashed in full each time, (b)'s 2,304 household
/// keys cost ~9.5 % of its server CPU (bench/README.md).
pub struct Window<R: Resource>(Arc<WindowSpec<R>>);

/// The parts of a [`Window`].
pub struct WindowSpec<R: Resource> {
    pub via: Via<R>,
    pub page: Page,
    pub order: R::Order,
    pub filter: R::Filter,
    hash: u64,
}

impl<R: Resource> Window<R> {
    pub fn new(via: Via<R>, page: Page, order: R::Order, filter: R::Filter) -> Self {
        // Fixed keys: a window hashes the same wherever it is made in the process.
        let mut hasher = DefaultHasher::new();
        (&via, &page, &order, &filter).hash(&mut hasher);
        Window(Arc::new(WindowSpec {
            via,
            page,
            order,
            filter,
            hash: hasher.finish(),
        }))
    }
}

impl<R: Resource> Deref for Window<R> {
    type Target = WindowSpec<R>;

    fn deref(&self) -> &WindowSpec<R> {
        &self.0
    }
}

/// The number of children of one parent that pass a filter.
pub struct CountKey<R: Resource> {
    pub via: Via<R>,
    pub parent: i32,
    pub filter: R::Filter,
}

// The keys compare by value; the phantom type and column enums carry no Hash/Eq of
// their own, so these are written out.
impl<R> Clone for ById<R> {
    fn clone(&self) -> Self {
        ById::new(self.0)
    }
}
impl<R> PartialEq for ById<R> {
    fn eq(&self, other: &Self) -> bool {
        self.0 == other.0
    }
}
impl<R> Eq for ById<R> {}
impl<R> Hash for ById<R> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.0.hash(state)
    }
}

impl<R: Resource> Clone for Via<R> {
    fn clone(&self) -> Self {
        Via(self.0)
    }
}
impl<R: Resource> PartialEq for Via<R> {
    fn eq(&self, other: &Self) -> bool {
        self.0.as_str() == other.0.as_str()
    }
}
impl<R: Resource> Eq for Via<R> {}
impl<R: Resource> Hash for Via<R> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.0.as_str().hash(state)
    }
}

impl<R: Resource> Clone for Window<R> {
    fn clone(&self) -> Self {
        Window(Arc::clone(&self.0))
    }
}
impl<R: Resource> PartialEq for Window<R> {
    fn eq(&self, other: &Self) -> bool {
        let (a, b) = (&*self.0, &*other.0);
        Arc::ptr_eq(&self.0, &other.0)
            || (a.hash == b.hash
                && a.via == b.via
                && a.page == b.page
                && a.order == b.order
                && a.filter == b.filter)
    }
}
impl<R: Resource> Eq for Window<R> {}
impl<R: Resource> Hash for Window<R> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        state.write_u64(self.0.hash)
    }
}

impl<R: Resource> Clone for ChildKey<R> {
    fn clone(&self) -> Self {
        ChildKey {
            parent: self.parent,
            window: self.window.clone(),
        }
    }
}
impl<R: Resource> PartialEq for ChildKey<R> {
    fn eq(&self, other: &Self) -> bool {
        self.parent == other.parent && self.window == other.window
    }
}
impl<R: Resource> Eq for ChildKey<R> {}
impl<R: Resource> Hash for ChildKey<R> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        (self.parent, &self.window).hash(state)
    }
}

impl<R: Resource> Clone for CountKey<R> {
    fn clone(&self) -> Self {
        CountKey {
            via: self.via.clone(),
            parent: self.parent,
            filter: self.filter.clone(),
        }
    }
}
impl<R: Resource> PartialEq for CountKey<R> {
    fn eq(&self, other: &Self) -> bool {
        self.via == other.via && self.parent == other.parent && self.filter == other.filter
    }
}
impl<R: Resource> Eq for CountKey<R> {}
impl<R: Resource> Hash for CountKey<R> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        (&self.via, self.parent, &self.filter).hash(state)
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use entity::resident;

    use super::*;
    use crate::domain::tags::ResidentTag;
    use crate::graphql::pagination::{PageArgs, PageLimits};
    use crate::graphql::territory::{Resident, ResidentFilter};

    fn window(first: i32, filter: ResidentFilter) -> Window<Resident> {
        let args = PageArgs {
            first: Some(first),
            ..PageArgs::default()
        };
        let limits = PageLimits {
            default: 20,
            max: 100,
        };
        let page = Page::parse(args, limits).unwrap();
        let via = Via(resident::Column::HouseholdId);
        Window::new(via, page, Default::default(), filter)
    }

    fn elderly() -> ResidentFilter {
        ResidentFilter {
            tags: Some(vec![ResidentTag::Elderly]),
            ..ResidentFilter::default()
        }
    }

    fn key(parent: i32, window: &Window<Resident>) -> ChildKey<Resident> {
        ChildKey {
            parent,
            window: window.clone(),
        }
    }

    #[test]
    fn windows_made_apart_from_equal_parts_are_one_key() {
        // Siblings build their windows one by one; the loader must see one window.
        let (a, b) = (window(3, elderly()), window(3, elderly()));
        assert!(a == b);
        let keys: HashSet<_> = [key(1, &a), key(1, &b), key(2, &b)].into_iter().collect();
        assert_eq!(keys.len(), 2);
        assert!(keys.contains(&key(2, &a)));
    }

    #[test]
    fn windows_with_another_page_or_filter_are_other_keys() {
        let base = window(3, elderly());
        assert!(base != window(4, elderly()));
        assert!(base != window(3, ResidentFilter::default()));
        let keys: HashSet<_> = [
            key(1, &base),
            key(1, &window(4, elderly())),
            key(1, &window(3, ResidentFilter::default())),
        ]
        .into_iter()
        .collect();
        assert_eq!(keys.len(), 3);
    }
}
