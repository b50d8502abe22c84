//! `appointPost`: a holder (an account, a resident, or both) takes a post on a grid,
//! building or unit the appointer administers. The term starts after the previous
//! holder's last day; while a leader's post is active, a second is CONFLICT.

use sea_orm::{ActiveModelTrait, ColumnTrait, DatabaseTransaction, EntityTrait, QueryFilter};
use sea_orm::{QuerySelect, Set, SqlErr};

use entity::{app_user, post, resident};

use crate::access::audit::AuditEntry;
use crate::access::{self, post_actions};
use crate::domain::posts::{self, PostInput};
use crate::error::{AppError, AppResult};
use crate::service::change::Change;

/// A post as entered, with the area and the holder it names.
#[derive(Clone, Debug)]
pub struct NewPost {
    pub post: PostInput,
    pub area_id: i32,
    pub holder_user_id: Option<i32>,
    pub holder_resident_id: Option<i32>,
}

/// Appoints; see the module documentation.
pub async fn appoint(change: &Change<'_>, new: NewPost) -> AppResult<post::Model> {
    if new.holder_user_id.is_none() && new.holder_resident_id.is_none() {
        return Err(AppError::bad_input(
            "name the holder: `holderUserId`, `holderResidentId` or both",
        ));
    }
    change
        .run("appointPost", "post", async |txn| {
            let area_path = super::area_path(change, txn, new.post.area, new.area_id).await?;
            if !post_actions::may_appoint(change.viewer, &area_path) {
                return Err(AppError::Forbidden(
                    "only community staff and the administrators above appoint to posts".to_owned(),
                ));
            }
            check_holder(change, txn, &new).await?;
            let previous_end = previous_end(txn, &new).await?;
            let valid = posts::validate(&new.post, super::today(change), previous_end)
                .map_err(AppError::BadUserInput)?;
            let model = post::ActiveModel {
                kind: Set(new.post.kind),
                employment: Set(new.post.employment),
                area_kind: Set(new.post.area.table().to_owned()),
                area_id: Set(new.area_id),
                area_path: Set(area_path),
                holder_user_id: Set(new.holder_user_id),
                holder_resident_id: Set(new.holder_resident_id),
                display_name: Set(valid.display_name),
                relay_phone: Set(valid.relay_phone),
                duties: Set(valid.duties),
                started_on: Set(new.post.started_on),
                ended_on: Set(None),
                created_at: Set(change.now),
                version: Set(1),
                ..Default::default()
            }
            .insert(txn)
            .await
            .map_err(|err| match err.sql_err() {
                Some(SqlErr::UniqueConstraintViolation(_)) => taken(),
                _ => err.into(),
            })?;
            let entry = AuditEntry {
                action: "appointPost",
                entity: Some("post"),
                entity_id: Some(model.id),
                fields: Some("holder,display_name,relay_phone,started_on".to_owned()),
                area_path: Some(model.area_path.clone()),
                ..Default::default()
            };
            change.audit(txn, entry).await?;
            Ok(model)
        })
        .await
}

fn taken() -> AppError {
    AppError::Conflict("the area already has an active holder of this post; end it first".into())
}

/// The holder exists and, when a resident, is in the appointer's sight.
async fn check_holder(
    change: &Change<'_>,
    txn: &DatabaseTransaction,
    new: &NewPost,
) -> AppResult<()> {
    if let Some(resident) = new.holder_resident_id {
        access::visible::<resident::Entity>(change.viewer)
            .filter(resident::Column::Id.eq(resident))
            .one(txn)
            .await?
            .ok_or(AppError::NotFound)?;
    }
    if let Some(user) = new.holder_user_id {
        app_user::Entity::find_by_id(user)
            .one(txn)
            .await?
            .ok_or(AppError::NotFound)?;
    }
    Ok(())
}

/// The last day of the latest ended term of the same kind on the same area.
async fn previous_end(
    txn: &DatabaseTransaction,
    new: &NewPost,
) -> AppResult<Option<chrono::NaiveDate>> {
    let latest: Option<Option<chrono::NaiveDate>> = post::Entity::find()
        .filter(post::Column::Kind.eq(new.post.kind))
        .filter(post::Column::AreaKind.eq(new.post.area.table()))
        .filter(post::Column::AreaId.eq(new.area_id))
        .select_only()
        .expr(post::Column::EndedOn.max())
        .into_tuple()
        .one(txn)
        .await?;
    Ok(latest.flatten())
}
