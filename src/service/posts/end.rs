//! `endPost`: a term ends on its last day, on or after it started and not in the
//! future. Versioned: a stale version is CONFLICT; a post already ended is CONFLICT.

use sea_orm::{ColumnTrait, QueryFilter, Set};

use entity::post;

use crate::access::audit::AuditEntry;
use crate::access::{self, post_actions};
use crate::domain::posts;
use crate::error::{AppError, AppResult};
use crate::service::change::Change;
use crate::service::versioned;

/// Which post ends, on which day, as read at which version.
#[derive(Clone, Debug)]
pub struct EndPost {
    pub post_id: i32,
    pub version: i32,
    pub ended_on: chrono::NaiveDate,
}

/// Ends a post; see the module documentation.
pub async fn end(change: &Change<'_>, input: EndPost) -> AppResult<post::Model> {
    change
        .run("endPost", "post", async |txn| {
            let current = access::visible::<post::Entity>(change.viewer)
                .filter(post::Column::Id.eq(input.post_id))
                .one(txn)
                .await?
                .ok_or(AppError::NotFound)?;
            if !post_actions::may_appoint(change.viewer, &current.area_path) {
                return Err(AppError::Forbidden(
                    "only community staff and the administrators above end posts".to_owned(),
                ));
            }
            if current.ended_on.is_some() {
                return Err(AppError::Conflict("this post has already ended".to_owned()));
            }
            posts::validate_end(current.started_on, input.ended_on, super::today(change))
                .map_err(AppError::BadUserInput)?;
            let changes = post::ActiveModel {
                ended_on: Set(Some(input.ended_on)),
                ..Default::default()
            };
            versioned::update(
                txn,
                changes,
                post::Column::Id,
                current.id,
                post::Column::Version,
                input.version,
            )
            .await?;
            let entry = AuditEntry {
                action: "endPost",
                entity: Some("post"),
                entity_id: Some(current.id),
                fields: Some("ended_on".to_owned()),
                area_path: Some(current.area_path.clone()),
                ..Default::default()
            };
            change.audit(txn, entry).await?;
            Ok(post::Model {
                ended_on: Some(input.ended_on),
                version: input.version + 1,
                ..current
            })
        })
        .await
}
