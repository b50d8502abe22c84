//! `recordLinkageMeeting`: decodes its input and makes one call into
//! `service::linkage`.

use async_graphql::{Context, ID, InputObject, Object, SimpleObject};
use chrono::NaiveDate;

use super::linkage::{LinkageLevel, LinkageMeeting};
use crate::error::AppResult;
use crate::graphql::ids::{self, NodeKind};
use crate::graphql::mutation::change;
use crate::service::linkage::{self, NewMeeting};

/// A linkage meeting as held.
#[derive(InputObject)]
pub struct RecordLinkageMeetingInput {
    /// DISTRICT, STREET or COMMUNITY, matching the area (CITY has no area here).
    pub level: LinkageLevel,
    /// The district, street or community that held it, one the recorder keeps.
    pub area_id: ID,
    /// Not in the future.
    pub held_on: NaiveDate,
    /// 1 to 200 characters.
    pub title: String,
    /// 1 to 20 topics of 1 to 500 characters.
    pub topics: Vec<String>,
    /// Up to 20 decisions of 1 to 500 characters.
    #[graphql(default)]
    pub decisions: Vec<String>,
    /// Organisations attending, serving areas under the meeting's.
    #[graphql(default)]
    pub organization_ids: Vec<ID>,
    /// Members attending, of organisations serving areas under the meeting's.
    #[graphql(default)]
    pub member_ids: Vec<ID>,
}

/// The meeting as recorded.
#[derive(SimpleObject)]
pub struct LinkageMeetingPayload {
    pub meeting: LinkageMeeting,
}

fn decode_all(ids: &[ID], kind: NodeKind) -> AppResult<Vec<i32>> {
    ids.iter().map(|id| ids::decode_as(id, kind)).collect()
}

#[derive(Default)]
pub struct LinkageMutation;

#[Object]
impl LinkageMutation {
    /// Records a linkage meeting (联席会议 / 四级联动) with its attendees, topics and
    /// decisions.
    async fn record_linkage_meeting(
        &self,
        ctx: &Context<'_>,
        input: RecordLinkageMeetingInput,
    ) -> AppResult<LinkageMeetingPayload> {
        let level = input.level.into();
        let area_kind = match level {
            crate::domain::linkage::Level::Street => NodeKind::Street,
            crate::domain::linkage::Level::Community => NodeKind::Community,
            _ => NodeKind::District,
        };
        let new = NewMeeting {
            level,
            area_id: ids::decode_as(&input.area_id, area_kind)?,
            held_on: input.held_on,
            title: input.title,
            topics: input.topics,
            decisions: input.decisions,
            organization_ids: decode_all(&input.organization_ids, NodeKind::PartyOrganization)?,
            member_ids: decode_all(&input.member_ids, NodeKind::PartyMember)?,
        };
        let meeting = linkage::record(&change(ctx)?, new).await?;
        Ok(LinkageMeetingPayload {
            meeting: LinkageMeeting(meeting),
        })
    }
}
