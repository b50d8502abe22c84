//! `breakdown`: the dashboard's figures for each child area of an area at once. One
//! statement per group, FROM the derived table of the child areas the viewer may
//! count: the governance, organisation and volunteers sub-selects correlate with the
//! child row, the residents, the requests and the service orders are LEFT JOINed on
//! the child's subtree and GROUPed BY it; the facility coverage is its own pair of
//! statements for all the children (see `services::coverage`).

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::sea_query::{Alias, Expr, Order, Query, SelectStatement};
use sea_orm::{ConnectionTrait, QueryResult};

use entity::{request, resident, service_order};

use super::indicators::{Figures, Group};
use super::under::{CHILD, ChildLevel, Under, child_areas};
use super::{
    Period, card_columns, facility_reach_by_child, governance_columns, governance_of,
    organisation_columns, organisation_of, population_columns, population_of, request_figures_of,
    request_sums, scoped, services_columns, services_of, volunteer_columns, volunteers_of,
};
use crate::access::Viewer;
use crate::error::{AppError, AppResult};

/// One child area and its figures.
#[derive(Clone, Debug, PartialEq)]
pub struct AreaFigures {
    pub id: i32,
    pub name: String,
    pub path: String,
    pub figures: Figures,
}

/// What a breakdown computes figures over.
#[derive(Clone, Copy, Debug)]
pub struct Scope<'a> {
    pub area_path: &'a str,
    pub level: ChildLevel,
    pub period: Period,
    pub now: DateTime<Utc>,
    pub today: NaiveDate,
}

/// The figures of `groups` for every child area at `scope.level` the viewer may count,
/// ordered by path.
pub async fn breakdown(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    scope: Scope<'_>,
    groups: &[Group],
) -> AppResult<Vec<AreaFigures>> {
    let children = child_areas(viewer, scope.area_path, scope.level)?;
    let mut areas = Areas::default();
    for group in groups {
        if *group == Group::Facilities {
            for (child, reach) in facility_reach_by_child(db, viewer, &children).await? {
                areas.at(child.id, child.name, child.path).facilities = reach;
            }
            continue;
        }
        let select = statement(viewer, &children, scope, *group)?;
        for row in db.query_all(&select).await? {
            let figures = areas.at(
                column(&row, "child_id")?,
                column(&row, "child_name")?,
                column(&row, "child_path")?,
            );
            match group {
                Group::Population => figures.population = population_of(&row)?,
                Group::Requests => figures.requests = request_figures_of(&row)?,
                Group::Governance => figures.governance = governance_of(&row)?,
                Group::Organisation => figures.organisation = organisation_of(&row)?,
                Group::Services => figures.services = services_of(&row)?,
                Group::Volunteers => figures.volunteers = volunteers_of(&row)?,
                Group::Facilities => {}
            }
        }
    }
    let mut areas = areas.list;
    areas.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(areas)
}

/// The child areas met so far, each once.
#[derive(Default)]
struct Areas {
    list: Vec<AreaFigures>,
    index: HashMap<i32, usize>,
}

impl Areas {
    /// The figures of the child area `id`, added on first sight.
    fn at(&mut self, id: i32, name: String, path: String) -> &mut Figures {
        let list = &mut self.list;
        let at = *self.index.entry(id).or_insert_with(|| {
            list.push(AreaFigures {
                id,
                name,
                path,
                figures: Figures::default(),
            });
            list.len() - 1
        });
        &mut list[at].figures
    }
}

fn statement(
    viewer: &Viewer,
    children: &SelectStatement,
    scope: Scope<'_>,
    group: Group,
) -> AppResult<SelectStatement> {
    let child = |name: &str| Expr::col((Alias::new(CHILD), Alias::new(name)));
    let mut select = Query::select();
    select
        .expr_as(child("id"), Alias::new("child_id"))
        .expr_as(child("name"), Alias::new("child_name"))
        .expr_as(child("path"), Alias::new("child_path"))
        .from_subquery(children.clone(), Alias::new(CHILD))
        .order_by_expr(child("path"), Order::Asc);
    match group {
        Group::Population => {
            population_columns(&mut select, viewer, Under::Child, scope.today)?;
            select
                .left_join(
                    resident::Entity,
                    scoped::<resident::Entity>(viewer, Under::Child),
                )
                .add_group_by([child("id"), child("name"), child("path")]);
        }
        Group::Organisation => organisation_columns(&mut select, viewer, Under::Child, scope.today),
        Group::Services => {
            services_columns(&mut select, scope.period, scope.now);
            select
                .left_join(
                    service_order::Entity,
                    scoped::<service_order::Entity>(viewer, Under::Child),
                )
                .add_group_by([child("id"), child("name"), child("path")]);
        }
        Group::Volunteers => {
            volunteer_columns(&mut select, viewer, Under::Child, scope.period, scope.now)
        }
        Group::Facilities => {
            return Err(AppError::Internal(
                "facility coverage is not one statement".into(),
            ));
        }
        Group::Governance => {
            governance_columns(&mut select, viewer, Under::Child, scope.period, scope.today)
        }
        Group::Requests => {
            request_sums(&mut select, scope.period, scope.now);
            card_columns(&mut select, viewer, Under::Child, scope.period);
            select
                .left_join(
                    request::Entity,
                    scoped::<request::Entity>(viewer, Under::Child),
                )
                .add_group_by([child("id"), child("name"), child("path")]);
        }
    }
    Ok(select)
}

fn column<T: sea_orm::TryGetable>(row: &QueryResult, name: &str) -> AppResult<T> {
    row.try_get("", name)
        .map_err(|err| AppError::Internal(format!("breakdown column {name}: {err}")))
}
