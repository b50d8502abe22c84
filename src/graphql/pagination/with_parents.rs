//! A root page with the parents its rows select (a resident's household, its unit, its
//! building) LEFT JOINed into the page's own statement:
//!
//! ```sql
//! SELECT resident.*, household.* AS j1_*, unit.* AS j2_* FROM resident
//! LEFT JOIN household ON household.id = resident.household_id AND <household visible>
//! LEFT JOIN unit ON unit.id = household.unit_id AND <unit visible>
//! WHERE <resident visible> AND <filter> ORDER BY … LIMIT n + 1
//! ```
//!
//! Why: a filtered list with the address of each row is the commonest app query, and
//! each parent level was one more statement (and one more round trip) after the page.
//! A parent that is out of scope joins as NULL and is kept as absent, which is what the
//! look-up by id answers for it; the join condition is that look-up's
//! (`access::scope_condition`), so the answers are the loader's, fetched sooner.

use std::collections::BTreeSet;
use std::marker::PhantomData;

use async_graphql::{Context, SelectionField};
use sea_orm::sea_query::{Condition, Expr, ExprTrait, JoinType, SelectStatement};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, EntityName, EntityTrait, FromQueryResult,
    IdenStatic, Iterable, QueryResult,
};

use super::keys::ById;
use super::prefetch::Prefetched;
use super::resource::{Column, Model, Resource};
use crate::access::{self, Viewer};
use crate::error::AppResult;

/// A to-one field of a node type that its page's statement can join.
pub struct ToOne {
    pub field: &'static str,
    pub join: Box<dyn ParentJoin>,
}

/// How one parent joins onto its child's rows, and is read back.
pub trait ParentJoin: Send + Sync {
    fn table(&self) -> &'static str;
    /// LEFT JOINs the parent onto `query`, its columns named `{prefix}{column}`.
    fn join(&self, query: &mut SelectStatement, viewer: &Viewer, prefix: &str);
    /// Leaves the parent of `row` (the child's columns under `child`, the parent's
    /// under `prefix`), or its absence when out of scope, for the look-up by id.
    fn keep(
        &self,
        row: &QueryResult,
        child: &str,
        prefix: &str,
        prefetched: &Prefetched,
    ) -> AppResult<()>;
    /// The parent type's own to-one fields.
    fn parents(&self) -> Vec<ToOne>;
}

/// `C`'s foreign key `fk` to `P`.
pub struct Join<C: Resource, P: Resource> {
    fk: Column<C>,
    parent: PhantomData<fn() -> P>,
}

impl<C: Resource, P: Resource> Join<C, P> {
    pub fn to_one(field: &'static str, fk: Column<C>) -> ToOne {
        ToOne {
            field,
            join: Box::new(Join::<C, P> {
                fk,
                parent: PhantomData,
            }),
        }
    }
}

impl<C: Resource, P: Resource> ParentJoin for Join<C, P> {
    fn table(&self) -> &'static str {
        P::Entity::default().table_name()
    }

    fn join(&self, query: &mut SelectStatement, viewer: &Viewer, prefix: &str) {
        let on = Condition::all()
            .add(
                Expr::col((P::Entity::default(), P::id_column()))
                    .equals((C::Entity::default(), self.fk)),
            )
            .add(access::scope_condition::<P::Entity>(viewer));
        query.join(JoinType::LeftJoin, P::Entity::default(), on);
        for column in <P::Entity as EntityTrait>::Column::iter() {
            query.expr_as(
                column.select_as(column.into_expr()),
                format!("{prefix}{}", column.as_str()),
            );
        }
    }

    fn keep(
        &self,
        row: &QueryResult,
        child: &str,
        prefix: &str,
        prefetched: &Prefetched,
    ) -> AppResult<()> {
        let Some(fk) = row.try_get::<Option<i32>>(child, self.fk.as_str())? else {
            return Ok(());
        };
        let id: Option<i32> = row.try_get(prefix, P::id_column().as_str())?;
        let parent = match id {
            Some(_) => Some(P::from(Model::<P>::from_query_result(row, prefix)?)),
            None => None,
        };
        prefetched.put(ById::<P>::new(fk), parent);
        Ok(())
    }

    fn parents(&self) -> Vec<ToOne> {
        P::parents()
    }
}

/// One joined parent: how, and under which column prefixes.
pub struct Level {
    join: Box<dyn ParentJoin>,
    child: String,
    prefix: String,
}

/// The parents that the page's nodes select with no arguments, level by level, each
/// table at most once (the join conditions name tables, not aliases).
pub fn plan<R: Resource>(ctx: &Context<'_>) -> Vec<Level> {
    let connection = ctx.look_ahead();
    let mut nodes = connection.field("nodes").selection_fields();
    nodes.extend(connection.field("edges").field("node").selection_fields());
    let mut tables = BTreeSet::from([R::Entity::default().table_name()]);
    let mut levels = Vec::new();
    add_levels(&nodes, R::parents(), "", &mut tables, &mut levels);
    levels
}

fn add_levels(
    nodes: &[SelectionField<'_>],
    parents: Vec<ToOne>,
    child: &str,
    tables: &mut BTreeSet<&'static str>,
    levels: &mut Vec<Level>,
) {
    for ToOne { field, join } in parents {
        let selected: Vec<SelectionField<'_>> = nodes
            .iter()
            .flat_map(|node| node.selection_set())
            .filter(|selected| selected.name() == field)
            .collect();
        let plain = selected.iter().all(|selected| {
            selected
                .arguments()
                .is_ok_and(|arguments| arguments.is_empty())
        });
        if selected.is_empty() || !plain || !tables.insert(join.table()) {
            continue;
        }
        let prefix = format!("j{}_", levels.len() + 1);
        let next = join.parents();
        levels.push(Level {
            join,
            child: child.to_string(),
            prefix: prefix.clone(),
        });
        add_levels(&selected, next, &prefix, tables, levels);
    }
}

/// Runs `page` (a scoped root page, built from `access::visible`) with `levels`
/// joined, and leaves every row's parents in `prefetched`.
pub async fn rows<R: Resource>(
    db: &DatabaseConnection,
    viewer: &Viewer,
    mut page: SelectStatement,
    levels: &[Level],
    prefetched: &Prefetched,
) -> AppResult<Vec<R>> {
    for level in levels {
        level.join.join(&mut page, viewer, &level.prefix);
    }
    let rows = db.query_all(&page).await?;
    let mut nodes = Vec::with_capacity(rows.len());
    for row in &rows {
        nodes.push(R::from(Model::<R>::from_query_result(row, "")?));
        for level in levels {
            level
                .join
                .keep(row, &level.child, &level.prefix, prefetched)?;
        }
    }
    Ok(nodes)
}
