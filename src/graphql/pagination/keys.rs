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
/// keys cost ~8 % of its server CPU (bench/README.md).
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
