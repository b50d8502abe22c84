//! The needs list (需求清单): [`publish`] a need of a community or grid, [`claim`] it
//! for an allied unit (once: the claim is an UPDATE that holds `status = 'OPEN'`, so
//! of two claims at once one wins and the other is CONFLICT), [`fulfil`] it, or
//! [`withdraw`] it before it is fulfilled.

use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, NotSet, PaginatorTrait,
    QueryFilter, Set,
};

use entity::cobuild_enums::{CoBuildCategory, NeedStatus};
use entity::{alliance_membership, need_item, request};

use super::{active_unit, audit, visible_area, visible_row};
use crate::access::{AreaKind, cobuild_actions};
use crate::domain::cobuild::lists::{self, NeedStep};
use crate::domain::requests::intake;
use crate::error::{AppError, AppResult};
use crate::service::change::Change;
use crate::service::versioned;

/// A need to publish.
#[derive(Clone, Debug)]
pub struct NewNeed {
    /// A community or a grid.
    pub area: (AreaKind, i32),
    pub category: CoBuildCategory,
    pub title: String,
    pub description: String,
    pub beneficiaries: i32,
    pub request_id: Option<i32>,
}

fn bad(message: String) -> AppError {
    AppError::BadUserInput(message)
}

/// Publishes a need in a community or grid the viewer works in.
pub async fn publish(change: &Change<'_>, new: NewNeed) -> AppResult<need_item::Model> {
    let title = intake::text("title", &new.title, 128).map_err(bad)?;
    let description = intake::text("description", &new.description, 2000).map_err(bad)?;
    lists::check_beneficiaries(new.beneficiaries).map_err(bad)?;
    if !matches!(new.area.0, AreaKind::Community | AreaKind::Grid) {
        return Err(AppError::bad_input("a need is a community's or a grid's"));
    }
    change
        .run("publishNeed", "need_item", async |txn| {
            let path = visible_area(txn, change.viewer, new.area.0, new.area.1).await?;
            if !cobuild_actions::may_publish_need(change.viewer, &path) {
                return Err(AppError::Forbidden(
                    "only those who work in the area publish its needs".into(),
                ));
            }
            if let Some(id) = new.request_id {
                let raised =
                    visible_row::<request::Entity>(txn, change.viewer, request::Column::Id, id)
                        .await?;
                if !crate::access::path_is_under(&raised.area_path, &path) {
                    return Err(AppError::bad_input("the request is not from this area"));
                }
            }
            let community = lists::community_of(&path)
                .ok_or_else(|| AppError::Internal(format!("no community in {path}")))?;
            let row = need_item::ActiveModel {
                community_id: Set(community),
                area_kind: Set(new.area.0.table().to_owned()),
                area_id: Set(new.area.1),
                area_path: Set(path),
                request_id: Set(new.request_id),
                category: Set(new.category),
                title: Set(title.clone()),
                description: Set(description.clone()),
                beneficiaries: Set(new.beneficiaries),
                status: Set(NeedStatus::Open),
                claimed_by_unit_id: Set(None),
                claimed_at: Set(None),
                project_id: Set(None),
                created_by_user_id: Set(change.viewer.principal().map(|p| p.id)),
                created_at: Set(change.now),
                updated_at: Set(change.now),
                version: Set(1),
                ..Default::default()
            }
            .insert(txn)
            .await?;
            change
                .audit(
                    txn,
                    audit("publishNeed", "need_item", row.id, &row.area_path, "all"),
                )
                .await?;
            Ok(row)
        })
        .await
}

/// Whether `unit` is, today, in the alliance of an area that holds `path`.
pub async fn allied_over(
    db: &impl ConnectionTrait,
    unit: i32,
    path: &str,
    today: chrono::NaiveDate,
) -> AppResult<bool> {
    use alliance_membership::Column;
    let memberships = alliance_membership::Entity::find()
        .filter(Column::UnitId.eq(unit))
        .filter(Column::JoinedOn.lte(today))
        .filter(Column::LeftOn.is_null().or(Column::LeftOn.gte(today)))
        .filter(
            Column::AreaPath.is_in(
                crate::access::ancestors(path)
                    .into_iter()
                    .chain([path.to_owned()]),
            ),
        )
        .count(db)
        .await?;
    Ok(memberships > 0)
}

/// Claims an open need for an allied unit; CONFLICT when it is claimed already.
pub async fn claim(change: &Change<'_>, need_id: i32, unit_id: i32) -> AppResult<need_item::Model> {
    change
        .run("claimNeed", "need_item", async |txn| {
            use need_item::Column;
            let need =
                visible_row::<need_item::Entity>(txn, change.viewer, Column::Id, need_id).await?;
            let unit = active_unit(txn, change.viewer, unit_id).await?;
            if !cobuild_actions::may_act_for_unit(
                txn,
                change.viewer,
                &need.area_path,
                Some(unit.id),
            )
            .await?
            {
                return Err(AppError::Forbidden(
                    "only keepers and unit contacts claim needs".into(),
                ));
            }
            lists::need_after(need.status, NeedStep::Claim).map_err(AppError::Conflict)?;
            let today = lists::day_of(change.now);
            if !allied_over(txn, unit.id, &need.area_path, today).await? {
                return Err(AppError::bad_input(
                    "the unit is not in the alliance of the need's area",
                ));
            }
            let claimed = need_item::Entity::update_many()
                .col_expr(Column::Status, Expr::value(NeedStatus::Claimed))
                .col_expr(Column::ClaimedByUnitId, Expr::value(unit.id))
                .col_expr(Column::ClaimedAt, Expr::value(change.now))
                .col_expr(Column::UpdatedAt, Expr::value(change.now))
                .col_expr(Column::Version, Expr::col(Column::Version).add(1))
                .filter(Column::Id.eq(need.id))
                .filter(Column::Status.eq(NeedStatus::Open))
                .exec(txn)
                .await?;
            if claimed.rows_affected != 1 {
                return Err(AppError::Conflict(
                    "the need has been claimed already".into(),
                ));
            }
            let row =
                visible_row::<need_item::Entity>(txn, change.viewer, Column::Id, need.id).await?;
            change
                .audit(
                    txn,
                    audit(
                        "claimNeed",
                        "need_item",
                        row.id,
                        &row.area_path,
                        "status,claimed_by_unit_id",
                    ),
                )
                .await?;
            Ok(row)
        })
        .await
}

/// Moves a need by `step` (fulfil or withdraw) at the version read. A need answered by
/// a project is fulfilled by the project's completion, not by hand.
pub async fn settle(
    change: &Change<'_>,
    need_id: i32,
    version: i32,
    step: NeedStep,
) -> AppResult<need_item::Model> {
    let action = match step {
        NeedStep::Fulfil => "fulfilNeed",
        NeedStep::Withdraw => "withdrawNeed",
        NeedStep::Claim => return Err(AppError::Internal("claims go through `claim`".into())),
    };
    change
        .run(action, "need_item", async |txn| {
            use need_item::Column;
            let need =
                visible_row::<need_item::Entity>(txn, change.viewer, Column::Id, need_id).await?;
            let allowed = match step {
                NeedStep::Withdraw => {
                    cobuild_actions::may_publish_need(change.viewer, &need.area_path)
                }
                _ => {
                    let unit = need.claimed_by_unit_id;
                    cobuild_actions::may_act_for_unit(txn, change.viewer, &need.area_path, unit)
                        .await?
                }
            };
            if !allowed {
                return Err(AppError::Forbidden(
                    "not one who may settle this need".into(),
                ));
            }
            if need.version != version {
                return Err(versioned::stale());
            }
            let status = lists::need_after(need.status, step).map_err(AppError::Conflict)?;
            if need.project_id.is_some() {
                return Err(AppError::Conflict(
                    "the need is answered by a project; it is settled with the project".into(),
                ));
            }
            let active = need_item::ActiveModel {
                status: Set(status),
                updated_at: Set(change.now),
                version: NotSet,
                ..Default::default()
            };
            versioned::update(txn, active, Column::Id, need.id, Column::Version, version).await?;
            let row =
                visible_row::<need_item::Entity>(txn, change.viewer, Column::Id, need.id).await?;
            change
                .audit(
                    txn,
                    audit(action, "need_item", row.id, &row.area_path, "status"),
                )
                .await?;
            Ok(row)
        })
        .await
}
