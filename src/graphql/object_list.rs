//! A list of objects of one type, resolved in one pass: what a connection's `nodes` and
//! `edges` return.
//!
//! async-graphql resolves a list item by item and an object field by field, each field
//! a boxed future in a `FuturesUnordered` of its object's and each item a future of the
//! list's `try_join_all`: on a 10,000-object page that bookkeeping (a task allocation
//! and its reference counting per field, the selection set walked again per item) costs
//! more than the fields themselves, which mostly read a column and are ready at once.
//!
//! Here the selection set is flattened once for the whole list, every field of every
//! item is started and polled once in that order, and only the fields still pending
//! (those waiting on a DataLoader batch: a nested page, a parent) are awaited, all
//! together, so their keys still go into one batch. Each field runs the type's own
//! resolver (`ContainerType::resolve_field`), so guards, masking and errors are exactly
//! those of the plain path; a selection this does not cover (a custom directive, a
//! fragment on another type) goes the plain way. The schema has no extensions, so
//! there is no per-field extension hook to call (`serving_schema_builder` says so).
//!
//! Fields come back in the order they were selected, as the GraphQL spec asks (the
//! plain path of async-graphql 7.2 orders them as they finish).

use std::borrow::Cow;
use std::future::{Future, poll_fn};
use std::pin::Pin;
use std::task::Poll;

use async_graphql::indexmap::IndexMap;
use async_graphql::indexmap::map::Entry;
use async_graphql::parser::types::{Field, Selection, SelectionSet};
use async_graphql::resolver_utils::resolve_list;
use async_graphql::{
    ContainerType, Context, ContextSelectionSet, Name, OutputType, Positioned, ServerResult, Value,
    registry,
};
use futures_util::stream::{FuturesUnordered, StreamExt};

/// Objects of type `T`, resolved as a GraphQL list `[T!]!`.
pub struct ObjectList<'a, T>(pub Vec<&'a T>);

impl<T: ContainerType> OutputType for ObjectList<'_, T> {
    fn type_name() -> Cow<'static, str> {
        <Vec<T> as OutputType>::type_name()
    }

    fn qualified_type_name() -> String {
        <Vec<T> as OutputType>::qualified_type_name()
    }

    fn create_type_info(registry: &mut registry::Registry) -> String {
        <Vec<T> as OutputType>::create_type_info(registry)
    }

    async fn resolve(
        &self,
        ctx: &ContextSelectionSet<'_>,
        field: &Positioned<Field>,
    ) -> ServerResult<Value> {
        let Some(fields) = selected_fields::<T>(ctx) else {
            return resolve_list(ctx, field, self.0.iter(), Some(self.0.len())).await;
        };
        let items: Vec<_> = (0..self.0.len())
            .map(|index| ctx.with_index(index))
            .collect();
        Ok(Value::List(resolve_objects(&items, &self.0, &fields).await))
    }
}

/// One object of type `T` resolved the same way: an edge's `node`, so the rows of
/// `edges` answer like those of `nodes`.
pub struct OneObject<'a, T>(pub &'a T);

impl<T: ContainerType> OutputType for OneObject<'_, T> {
    fn type_name() -> Cow<'static, str> {
        T::type_name()
    }

    fn qualified_type_name() -> String {
        T::qualified_type_name()
    }

    fn create_type_info(registry: &mut registry::Registry) -> String {
        T::create_type_info(registry)
    }

    async fn resolve(
        &self,
        ctx: &ContextSelectionSet<'_>,
        field: &Positioned<Field>,
    ) -> ServerResult<Value> {
        let Some(fields) = selected_fields::<T>(ctx) else {
            return self.0.resolve(ctx, field).await;
        };
        let objects = resolve_objects(std::slice::from_ref(ctx), &[self.0], &fields).await;
        Ok(objects.into_iter().next().unwrap_or_default())
    }
}

/// A field of the flattened selection set.
enum Selected<'a> {
    Typename(&'a Positioned<Field>),
    Field(&'a Positioned<Field>),
}

/// The fields the current selection set selects on `T`, fragments spread in order;
/// `None` when the set has what only async-graphql's own path handles.
fn selected_fields<'a, T: ContainerType>(
    ctx: &ContextSelectionSet<'a>,
) -> Option<Vec<Selected<'a>>> {
    let mut fields = Vec::new();
    flatten::<T>(ctx, &ctx.item.node, &mut fields)?;
    Some(fields)
}

fn flatten<'a, T: ContainerType>(
    ctx: &ContextSelectionSet<'a>,
    set: &'a SelectionSet,
    out: &mut Vec<Selected<'a>>,
) -> Option<()> {
    for selection in &set.items {
        // @skip and @include are applied before execution; any other directive is
        // a custom one, run by the plain path.
        if !selection.node.directives().is_empty() {
            return None;
        }
        let (condition, inner) = match &selection.node {
            Selection::Field(field) if field.node.name.node == "__typename" => {
                out.push(Selected::Typename(field));
                continue;
            }
            Selection::Field(field) => {
                out.push(Selected::Field(field));
                continue;
            }
            Selection::FragmentSpread(spread) => {
                let fragment = ctx
                    .query_env
                    .fragments
                    .get(&spread.node.fragment_name.node)?;
                (
                    Some(&fragment.node.type_condition.node.on.node),
                    &fragment.node.selection_set.node,
                )
            }
            Selection::InlineFragment(fragment) => (
                fragment
                    .node
                    .type_condition
                    .as_ref()
                    .map(|condition| &condition.node.on.node),
                &fragment.node.selection_set.node,
            ),
        };
        // A fragment on an interface `T` implements is the plain path's to match.
        if condition.is_some_and(|on| on.as_str() != T::type_name()) {
            return None;
        }
        flatten::<T>(ctx, inner, out)?;
    }
    Some(())
}

type FieldFuture<'a> = Pin<Box<dyn Future<Output = ServerResult<Option<Value>>> + Send + 'a>>;

/// Every selected field of every object: started and polled once each, in order, then
/// the pending ones awaited together; assembled as async-graphql assembles an object.
/// `items[i]` is the context (the path) of `objects[i]`.
async fn resolve_objects<T: ContainerType>(
    items: &[ContextSelectionSet<'_>],
    objects: &[&T],
    fields: &[Selected<'_>],
) -> Vec<Value> {
    let contexts: Vec<Context<'_>> = items
        .iter()
        .flat_map(|item| {
            fields.iter().map(move |selected| match selected {
                Selected::Typename(field) | Selected::Field(field) => item.with_field(field),
            })
        })
        .collect();
    let width = fields.len();
    let mut results: Vec<Option<ServerResult<Value>>> = Vec::with_capacity(contexts.len());
    let mut pending = FuturesUnordered::new();
    // Moved in as `&mut`: captured in place, the closure would hold a
    // `&FuturesUnordered` (its `push` takes `&self`), `Send` only for `Sync` futures.
    let (started, filled, contexts) = (&mut pending, &mut results, &contexts);
    poll_fn(move |cx| {
        for (slot, context) in contexts.iter().enumerate() {
            let object = objects[slot / width];
            if let Selected::Typename(_) = fields[slot % width] {
                let name = object.introspection_type_name().into_owned();
                filled.push(Some(Ok(Value::String(name))));
                continue;
            }
            let mut future: FieldFuture<'_> = Box::pin(object.resolve_field(context));
            match future.as_mut().poll(cx) {
                Poll::Ready(result) => filled.push(Some(result.map(Option::unwrap_or_default))),
                Poll::Pending => {
                    filled.push(None);
                    started.push(async move { (slot, future.await) });
                }
            }
        }
        Poll::Ready(())
    })
    .await;
    while let Some((slot, result)) = pending.next().await {
        results[slot] = Some(result.map(Option::unwrap_or_default));
    }
    let mut results = results.into_iter();
    items
        .iter()
        .map(|ctx| {
            let mut object = IndexMap::with_capacity(width);
            for selected in fields {
                let (Selected::Typename(field) | Selected::Field(field)) = selected;
                match results.next().flatten() {
                    Some(Ok(value)) => {
                        insert_value(&mut object, field.node.response_key().node.clone(), value)
                    }
                    Some(Err(error)) => ctx.add_error(error),
                    None => {}
                }
            }
            if object.is_empty() {
                Value::Null
            } else {
                Value::Object(object)
            }
        })
        .collect()
}

/// A response key selected twice (`{ a { x } a { y } }`) is one field whose objects
/// merge, as in async-graphql's own container resolution.
fn insert_value(target: &mut IndexMap<Name, Value>, name: Name, value: Value) {
    let previous = match target.entry(name) {
        Entry::Vacant(vacant) => {
            vacant.insert(value);
            return;
        }
        Entry::Occupied(occupied) => occupied.into_mut(),
    };
    match (previous, value) {
        (Value::Object(into), Value::Object(from)) => {
            for (key, value) in from {
                insert_value(into, key, value);
            }
        }
        (Value::List(into), Value::List(from)) => {
            for (into, from) in into.iter_mut().zip(from) {
                if let (Value::Object(into), Value::Object(from)) = (into, from) {
                    for (key, value) in from {
                        insert_value(into, key, value);
                    }
                }
            }
        }
        _ => {}
    }
}
