//! A node looked up with the first page of its children in one statement, when the
//! query lists them:
//!
//! ```sql
//! SELECT parent.*, child.*, <counts of each child row>
//! FROM parent LEFT JOIN child ON child.via = parent.id AND <child visible>
//! WHERE parent.id = $1 AND <parent visible>
//! ORDER BY <the children's order> LIMIT n + 1
//! ```
//!
//! Why: a look-up and then its children is the commonest first query of a client (a
//! community with its grids), and the second statement doubled the database's share of
//! it. Counts of each child row that the query selects (its own children's
//! `totalCount`, a grid's counters) ride along as scalar sub-selects, so a small
//! dashboard is one statement. The rows and counts are left in [`Prefetched`] under the
//! keys the child resolvers ask the loader with, built from the same `access`
//! conditions as the loader's statements: the answers are the loader's, fetched sooner.

use async_graphql::{Context, Lookahead, SelectionField, Value};
use sea_orm::sea_query::{Expr, ExprTrait, SimpleExpr};
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, FromQueryResult, IdenStatic, JoinType, QueryFilter,
    QueryOrder, QuerySelect, QueryTrait, RelationDef, SelectA, SelectB,
};

use super::keys::{ChildKey, CountKey, Via, Window};
use super::keyset::Sort;
use super::loader::{ChildRows, DbLoader, listed, listed_rows};
use super::page::{Page, PageArgs};
use super::prefetch::Prefetched;
use super::resource::{Column, Model, Resource};
use crate::access;
use crate::error::AppResult;
use crate::graphql::context::RequestContext;

/// A node type whose children hang from it by one foreign key.
pub trait Parent: Resource {
    type Child: RowExtras;
    /// The field that lists the children.
    const CHILDREN: &'static str;
    /// The children's column pointing at this parent.
    fn via() -> Column<Self::Child>;
}

/// The counts a child row can bring along in the parent's statement.
pub trait RowExtras: Resource {
    /// Adds to `extras` what `node` (a selection of this type) asks for that a scalar
    /// sub-select over this row can answer.
    fn extras(
        _node: &SelectionField<'_>,
        _loader: &DbLoader,
        _extras: &mut Vec<Extra>,
    ) -> AppResult<()> {
        Ok(())
    }
}

/// One count per child row: its column, its SQL over the outer child row, and where
/// its resolver will look for it.
pub struct Extra {
    pub name: &'static str,
    pub expr: SimpleExpr,
    pub keep: fn(&Prefetched, i32, u64),
}

/// What the fused statement reads: the children's page and the counts per child.
pub struct Plan {
    page: Page,
    extras: Vec<Extra>,
}

/// Whether a connection's selection needs its rows (not `totalCount` alone).
pub fn selects_rows(connection: &Lookahead<'_>) -> bool {
    ["edges", "nodes", "pageInfo"]
        .iter()
        .any(|field| connection.field(field).exists())
}

/// The plan when the look-up being resolved lists `P`'s children once, with no
/// arguments but `first`; `None` leaves the look-up and its children to the loader
/// (and any bad argument to the children's own resolver to report).
pub fn plan<P: Parent>(ctx: &Context<'_>, request: &RequestContext) -> Option<Plan> {
    let fields = ctx.look_ahead().field(P::CHILDREN).selection_fields();
    let [children] = fields.as_slice() else {
        return None;
    };
    let mut first = None;
    for (name, value) in children.arguments().ok()? {
        match (name.as_str(), value) {
            ("first", Value::Null) => {}
            ("first", Value::Number(n)) => first = Some(i32::try_from(n.as_i64()?).ok()?),
            _ => return None,
        }
    }
    let page = request
        .page(PageArgs {
            first,
            ..PageArgs::default()
        })
        .ok()?;
    let connection = Lookahead::from(*children);
    if !selects_rows(&connection) {
        return None;
    }
    let nodes = connection.field("nodes").selection_fields();
    let edge_nodes = connection.field("edges").field("node").selection_fields();
    let mut extras = Vec::new();
    for node in nodes.iter().chain(&edge_nodes) {
        P::Child::extras(node, request.loader.loader(), &mut extras).ok()?;
    }
    extras.sort_by_key(|extra| extra.name);
    extras.dedup_by_key(|extra| extra.name);
    Some(Plan { page, extras })
}

/// `P` by database id with its children's page and counts left in `request.prefetched`;
/// `None` when the viewer may not see it.
pub async fn fetch<P: Parent>(
    request: &RequestContext,
    id: i32,
    plan: Plan,
) -> AppResult<Option<P>> {
    let Plan { page, extras } = plan;
    let viewer = &request.viewer;
    let child_visible = listed::<P::Child>(viewer, request.filter_env(), &Default::default())?;
    let relation: RelationDef = ChildEntity::<P>::belongs_to(P::Entity::default())
        .from(P::via())
        .to(P::id_column())
        .on_condition(move |_, _| child_visible.clone())
        .into();
    let mut select = access::visible::<P::Entity>(viewer)
        .filter(P::id_column().eq(id))
        .join_rev(JoinType::LeftJoin, relation)
        .select_also(ChildEntity::<P>::default());
    for (column, direction) in Sort::<P::Child>::of(Default::default()).fetch_columns(&page) {
        select = select.order_by(column, direction);
    }
    for extra in &extras {
        select = select.expr_as(extra.expr.clone(), extra.name);
    }
    let statement = select.limit(page.limit + 1).into_query();
    let rows = request.db.query_all(&statement).await?;
    let Some(first) = rows.first() else {
        return Ok(None);
    };
    let parent = Model::<P>::from_query_result(first, SelectA.as_str())?;
    let mut children = Vec::with_capacity(rows.len());
    for row in &rows {
        // The LEFT JOIN's one row of a parent without (visible) children.
        let child: Option<i32> = row.try_get(SelectB.as_str(), P::Child::id_column().as_str())?;
        let Some(child) = child else { continue };
        children.push(P::Child::from(Model::<P::Child>::from_query_result(
            row,
            SelectB.as_str(),
        )?));
        for extra in &extras {
            let count: i64 = row.try_get("", extra.name)?;
            (extra.keep)(
                &request.prefetched,
                child,
                u64::try_from(count).unwrap_or(0),
            );
        }
    }
    let key = ChildKey::<P::Child> {
        parent: id,
        window: Window::new(Via(P::via()), page, Default::default(), Default::default()),
    };
    request.prefetched.put(key, ChildRows::new(children));
    Ok(Some(P::from(parent)))
}

type ChildEntity<P> = <<P as Parent>::Child as Resource>::Entity;

/// The `totalCount` of each child row's own children, when `node` selects it alone
/// (`buildings { totalCount }` on a grid): `C`'s children counted as the loader
/// counts them for a connection with no arguments.
pub fn children_count<C: Parent>(
    node: &SelectionField<'_>,
    loader: &DbLoader,
    extras: &mut Vec<Extra>,
) -> AppResult<()> {
    let counted_alone = node.selection_set().any(|field| {
        field.name() == C::CHILDREN
            && field
                .arguments()
                .is_ok_and(|arguments| arguments.is_empty())
            && !selects_rows(&Lookahead::from(field))
            && Lookahead::from(field).field("totalCount").exists()
    });
    if !counted_alone {
        return Ok(());
    }
    let counted = listed_rows::<C::Child>(&loader.viewer, loader.env, &Default::default())?
        .filter(
            Expr::col((ChildEntity::<C>::default(), C::via()))
                .equals((C::Entity::default(), C::id_column())),
        )
        .select_only()
        .expr(Expr::col((ChildEntity::<C>::default(), C::Child::id_column())).count())
        .into_query();
    extras.push(Extra {
        name: "children_total",
        expr: SimpleExpr::SubQuery(None, Box::new(counted.into())),
        keep: |prefetched, parent, count| {
            let key = CountKey::<C::Child> {
                via: Via(C::via()),
                parent,
                filter: Default::default(),
            };
            prefetched.put(key, count);
        },
    });
    Ok(())
}
