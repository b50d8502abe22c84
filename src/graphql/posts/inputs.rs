//! Input objects and payloads of the post mutations.

use async_graphql::{ID, InputObject, SimpleObject};
use chrono::NaiveDate;

use super::Post;
use super::enums::{Employment, PostKind};
use crate::domain::posts::{PostArea, PostInput, all_duties};
use crate::error::{AppError, AppResult};
use crate::graphql::ids::{self, NodeKind};
use crate::graphql::visits::Duty;
use crate::service::posts::{EndPost, NewPost};

fn every_duty() -> Vec<Duty> {
    all_duties().into_iter().map(Into::into).collect()
}

/// A holder appointed to a post on a grid, building or unit.
#[derive(InputObject)]
pub struct AppointPostInput {
    /// The kind of post: leaders of a grid, building or unit sit on that kind of area.
    pub kind: PostKind,
    /// For grid workers only, and required for them.
    pub employment: Option<Employment>,
    /// The grid, building or unit, in the appointer's community (or above).
    pub area_id: ID,
    /// The holder's account, if they have one.
    pub holder_user_id: Option<ID>,
    /// The holder's resident record, if they are a resident.
    pub holder_resident_id: Option<ID>,
    /// The name shown on notice boards, 1 to 32 characters.
    pub display_name: String,
    /// The relay phone shown on notice boards: a mainland mobile number.
    pub relay_phone: String,
    /// The duties the post carries; all five unless given.
    #[graphql(default_with = "every_duty()")]
    pub duties: Vec<Duty>,
    /// The first day of the term: after the previous holder's last day, at most 90
    /// days ahead.
    pub started_on: NaiveDate,
}

impl AppointPostInput {
    pub fn into_new(self) -> AppResult<NewPost> {
        let (kind, area_id) = ids::decode(&self.area_id)?;
        let area = match kind {
            NodeKind::Grid => PostArea::Grid,
            NodeKind::Building => PostArea::Building,
            NodeKind::Unit => PostArea::Unit,
            _ => {
                return Err(AppError::bad_input(
                    "`areaId` names a grid, building or unit",
                ));
            }
        };
        let holder = |id: Option<ID>, kind| id.map(|id| ids::decode_as(&id, kind)).transpose();
        Ok(NewPost {
            post: PostInput {
                kind: self.kind.into(),
                employment: self.employment.map(Into::into),
                area,
                display_name: self.display_name,
                relay_phone: self.relay_phone,
                duties: self.duties.into_iter().map(Into::into).collect(),
                started_on: self.started_on,
            },
            area_id,
            holder_user_id: holder(self.holder_user_id, NodeKind::User)?,
            holder_resident_id: holder(self.holder_resident_id, NodeKind::Resident)?,
        })
    }
}

/// The end of a term.
#[derive(InputObject)]
pub struct EndPostInput {
    pub post_id: ID,
    /// The version read; a stale one is CONFLICT.
    pub version: i32,
    /// The last day in office: not before the start, not in the future.
    pub ended_on: NaiveDate,
}

impl EndPostInput {
    pub fn into_end(self) -> AppResult<EndPost> {
        Ok(EndPost {
            post_id: ids::decode_as(&self.post_id, NodeKind::Post)?,
            version: self.version,
            ended_on: self.ended_on,
        })
    }
}

/// The post as written.
#[derive(SimpleObject)]
pub struct PostPayload {
    /// The post after the change.
    pub post: Post,
}
