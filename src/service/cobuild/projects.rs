//! The projects list (项目清单): [`create`] a project that answers needs with
//! resources, owned by a unit, with its milestones; [`update_milestone`] moves one
//! milestone and rolls the project's progress up, and at 100 the project is COMPLETED
//! and its needs FULFILLED, in the same transaction.

use chrono::NaiveDate;
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseBackend, DatabaseTransaction, EntityTrait, NotSet,
    QueryFilter, QuerySelect, Set,
};
use serde::{Deserialize, Serialize};

use entity::cobuild_enums::{NeedStatus, ProjectStatus};
use entity::{milestone, need_item, project, project_resource, resource_item};

use super::{active_unit, audit, visible_area, visible_row};
use crate::access::{AreaKind, cobuild_actions, path_is_under};
use crate::domain::cobuild::lists;
use crate::domain::requests::intake;
use crate::error::{AppError, AppResult};
use crate::service::change::Change;
use crate::service::versioned;

/// A project to create.
#[derive(Clone, Debug)]
pub struct NewProject {
    pub name: String,
    pub owner_unit_id: i32,
    pub area: (AreaKind, i32),
    pub need_ids: Vec<i32>,
    pub resource_ids: Vec<i32>,
    pub milestones: Vec<(String, Option<NaiveDate>)>,
}

/// A project with its milestones, as written.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Planned {
    pub project: project::Model,
    pub milestones: Vec<milestone::Model>,
}

/// A milestone after its update, and its project after the roll-up.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Progressed {
    pub milestone: milestone::Model,
    pub project: project::Model,
}

fn unique(ids: &[i32], what: &str) -> AppResult<Vec<i32>> {
    let mut ids = ids.to_vec();
    ids.sort_unstable();
    ids.dedup();
    if ids.is_empty() || ids.len() > 50 {
        return Err(AppError::bad_input(format!(
            "a project answers 1 to 50 {what}"
        )));
    }
    Ok(ids)
}

/// Creates a project; its needs become CLAIMED by the owner unit and answered by it.
pub async fn create(change: &Change<'_>, new: NewProject) -> AppResult<Planned> {
    let bad = AppError::BadUserInput;
    let name = intake::text("name", &new.name, 128).map_err(bad)?;
    let needs = unique(&new.need_ids, "needs")?;
    let resources = unique(&new.resource_ids, "resources")?;
    if new.milestones.is_empty() || new.milestones.len() > lists::MAX_MILESTONES {
        return Err(AppError::bad_input(format!(
            "a project has 1 to {} milestones",
            lists::MAX_MILESTONES
        )));
    }
    let milestones = new
        .milestones
        .iter()
        .map(|(title, due)| Ok((intake::text("title", title, 128).map_err(bad)?, *due)))
        .collect::<AppResult<Vec<_>>>()?;
    change
        .run("createProject", "project", async |txn| {
            let path = visible_area(txn, change.viewer, new.area.0, new.area.1).await?;
            if !cobuild_actions::keeps_cobuilding(change.viewer, &path) {
                return Err(AppError::Forbidden(
                    "only the area's keepers create projects".into(),
                ));
            }
            let owner = active_unit(txn, change.viewer, new.owner_unit_id).await?;
            let row = project::ActiveModel {
                name: Set(name.clone()),
                owner_unit_id: Set(owner.id),
                area_kind: Set(new.area.0.table().to_owned()),
                area_id: Set(new.area.1),
                area_path: Set(path.clone()),
                status: Set(ProjectStatus::Active),
                progress: Set(0),
                created_at: Set(change.now),
                updated_at: Set(change.now),
                version: Set(1),
                ..Default::default()
            }
            .insert(txn)
            .await?;
            for id in &needs {
                answer(change, txn, &row, *id).await?;
            }
            for id in &resources {
                let offered = visible_row::<resource_item::Entity>(
                    txn,
                    change.viewer,
                    resource_item::Column::Id,
                    *id,
                )
                .await?;
                project_resource::ActiveModel {
                    project_id: Set(row.id),
                    resource_id: Set(offered.id),
                    area_path: Set(path.clone()),
                    ..Default::default()
                }
                .insert(txn)
                .await?;
            }
            let mut written = Vec::with_capacity(milestones.len());
            for (title, due_on) in &milestones {
                let step = milestone::ActiveModel {
                    project_id: Set(row.id),
                    area_path: Set(path.clone()),
                    title: Set(title.clone()),
                    due_on: Set(*due_on),
                    progress: Set(0),
                    updated_at: Set(change.now),
                    version: Set(1),
                    ..Default::default()
                };
                written.push(step.insert(txn).await?);
            }
            change
                .audit(txn, audit("createProject", "project", row.id, &path, "all"))
                .await?;
            Ok(Planned {
                project: row,
                milestones: written,
            })
        })
        .await
}

/// Links the need `id` to `project`: it must lie in the project's area, be open (or
/// claimed by the owner), and be answered by no other project.
async fn answer(
    change: &Change<'_>,
    txn: &DatabaseTransaction,
    project: &project::Model,
    id: i32,
) -> AppResult<()> {
    use need_item::Column;
    let need = visible_row::<need_item::Entity>(txn, change.viewer, Column::Id, id).await?;
    if !path_is_under(&need.area_path, &project.area_path) {
        return Err(AppError::bad_input("every need lies in the project's area"));
    }
    let owner = project.owner_unit_id;
    let open = need.status == NeedStatus::Open;
    let owners = need.status == NeedStatus::Claimed && need.claimed_by_unit_id == Some(owner);
    if !(open || owners) || need.project_id.is_some() {
        return Err(AppError::Conflict(
            "a need is open, or claimed by the owner unit, and answered by one project".into(),
        ));
    }
    let active = need_item::ActiveModel {
        status: Set(NeedStatus::Claimed),
        claimed_by_unit_id: Set(Some(owner)),
        claimed_at: Set(need.claimed_at.or(Some(change.now))),
        project_id: Set(Some(project.id)),
        updated_at: Set(change.now),
        ..Default::default()
    };
    versioned::update(
        txn,
        active,
        Column::Id,
        need.id,
        Column::Version,
        need.version,
    )
    .await
}

/// Sets a milestone's progress at the version read, and rolls its project up.
pub async fn update_milestone(
    change: &Change<'_>,
    milestone_id: i32,
    version: i32,
    progress: i32,
) -> AppResult<Progressed> {
    lists::check_progress(progress).map_err(AppError::BadUserInput)?;
    change
        .run("updateMilestone", "milestone", async |txn| {
            use milestone::Column;
            let step =
                visible_row::<milestone::Entity>(txn, change.viewer, Column::Id, milestone_id)
                    .await?;
            let current = locked_project(txn, step.project_id).await?;
            let owner = Some(current.owner_unit_id);
            if !cobuild_actions::may_act_for_unit(txn, change.viewer, &step.area_path, owner)
                .await?
            {
                return Err(AppError::Forbidden(
                    "only keepers and the owner unit's contacts report progress".into(),
                ));
            }
            if current.status != ProjectStatus::Active {
                return Err(AppError::Conflict("the project is completed".into()));
            }
            let active = milestone::ActiveModel {
                progress: Set(progress),
                updated_at: Set(change.now),
                version: NotSet,
                ..Default::default()
            };
            versioned::update(txn, active, Column::Id, step.id, Column::Version, version).await?;
            let project = roll_up(change, txn, current).await?;
            let milestone =
                visible_row::<milestone::Entity>(txn, change.viewer, Column::Id, step.id).await?;
            change
                .audit(
                    txn,
                    audit(
                        "updateMilestone",
                        "milestone",
                        step.id,
                        &step.area_path,
                        "progress",
                    ),
                )
                .await?;
            Ok(Progressed { milestone, project })
        })
        .await
}

/// The project `id`, locked (PostgreSQL) so concurrent milestone updates roll up in turn.
async fn locked_project(txn: &DatabaseTransaction, id: i32) -> AppResult<project::Model> {
    let mut query = project::Entity::find_by_id(id);
    if sea_orm::ConnectionTrait::get_database_backend(txn) == DatabaseBackend::Postgres {
        query = query.lock_exclusive();
    }
    query
        .one(txn)
        .await?
        .ok_or_else(|| AppError::Internal("a milestone without its project".into()))
}

/// Recomputes the project's progress from its milestones; at 100 it completes and its
/// needs are fulfilled.
async fn roll_up(
    change: &Change<'_>,
    txn: &DatabaseTransaction,
    current: project::Model,
) -> AppResult<project::Model> {
    let progress: Vec<i32> = milestone::Entity::find()
        .select_only()
        .column(milestone::Column::Progress)
        .filter(milestone::Column::ProjectId.eq(current.id))
        .into_tuple()
        .all(txn)
        .await?;
    let progress = lists::rolled_up(&progress);
    let status = if progress == 100 {
        ProjectStatus::Completed
    } else {
        ProjectStatus::Active
    };
    let active = project::ActiveModel {
        progress: Set(progress),
        status: Set(status),
        updated_at: Set(change.now),
        ..Default::default()
    };
    versioned::update(
        txn,
        active,
        project::Column::Id,
        current.id,
        project::Column::Version,
        current.version,
    )
    .await?;
    if status == ProjectStatus::Completed {
        use need_item::Column;
        need_item::Entity::update_many()
            .col_expr(Column::Status, Expr::value(NeedStatus::Fulfilled))
            .col_expr(Column::UpdatedAt, Expr::value(change.now))
            .col_expr(Column::Version, Expr::col(Column::Version).add(1))
            .filter(Column::ProjectId.eq(current.id))
            .filter(Column::Status.eq(NeedStatus::Claimed))
            .exec(txn)
            .await?;
        let entry = audit(
            "completeProject",
            "project",
            current.id,
            &current.area_path,
            "status",
        );
        change.audit(txn, entry).await?;
    }
    Ok(project::Model {
        progress,
        status,
        version: current.version + 1,
        updated_at: change.now,
        ..current
    })
}
