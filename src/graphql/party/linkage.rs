//! The `LinkageMeeting` type (联席会议 / 四级联动), its filter, its attendees (batched
//! over every meeting of a request) and the `linkageMeetings` root list.

use std::collections::HashMap;

use async_graphql::dataloader::Loader;
use async_graphql::{Context, Enum, ID, InputObject, Object};
use chrono::NaiveDate;
use sea_orm::sea_query::Condition;
use sea_orm::{ColumnTrait, QueryFilter, QueryOrder};

use entity::linkage_meeting::{self, Column};
use entity::linkage_meeting_attendee as attendee;

use super::{PartyMember, PartyOrganization};
use crate::access;
use crate::domain::linkage::Level;
use crate::error::{AppError, AppResult};
use crate::graphql::RequestContext;
use crate::graphql::ids::{self, NodeKind};
use crate::graphql::macros::{order_enum, resource};
use crate::graphql::node::{Node, fetch};
use crate::graphql::pagination::{ById, Connection, DbLoader, FilterEnv, PageArgs, Resource};
use crate::graphql::resolve::list;
use crate::graphql::territory::under_area;

/// A linkage meeting held by a district, street or community.
#[derive(Clone)]
pub struct LinkageMeeting(pub linkage_meeting::Model);
resource!(
    LinkageMeeting,
    linkage_meeting,
    LinkageMeetingOrder,
    LinkageMeetingFilter
);

/// The four levels of linkage (四级联动).
#[derive(Enum, Copy, Clone, Debug, PartialEq, Eq, Hash)]
pub enum LinkageLevel {
    /// Held by the city: above the hub's territory, so not recorded here.
    City,
    District,
    Street,
    Community,
}

impl From<LinkageLevel> for Level {
    fn from(level: LinkageLevel) -> Self {
        match level {
            LinkageLevel::City => Level::City,
            LinkageLevel::District => Level::District,
            LinkageLevel::Street => Level::Street,
            LinkageLevel::Community => Level::Community,
        }
    }
}

order_enum! {
    /// How to order meetings: by recording unless asked otherwise.
    LinkageMeetingOrder for linkage_meeting {
        /// Latest meeting first.
        HeldOnDesc => (HeldOn, true),
    }
}

/// Which meetings to list.
#[derive(InputObject, Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct LinkageMeetingFilter {
    /// Only meetings held by this area or an area under it.
    pub area_id: Option<ID>,
    /// Only meetings of one of these levels.
    pub level: Option<Vec<LinkageLevel>>,
    /// Only meetings held on or after this day.
    pub held_from: Option<NaiveDate>,
    /// Only meetings held on or before this day.
    pub held_to: Option<NaiveDate>,
}

impl LinkageMeetingFilter {
    pub fn condition(&self, _env: FilterEnv) -> AppResult<Condition> {
        let mut condition = under_area(Column::AreaPath, self.area_id.as_ref())?;
        if let Some(levels) = &self.level {
            let levels = levels.iter().map(|level| Level::from(*level).as_str());
            condition = condition.add(Column::Level.is_in(levels));
        }
        if let Some(from) = self.held_from {
            condition = condition.add(Column::HeldOn.gte(from));
        }
        if let Some(to) = self.held_to {
            condition = condition.add(Column::HeldOn.lte(to));
        }
        Ok(condition)
    }
}

fn strings(json: &str) -> AppResult<Vec<String>> {
    serde_json::from_str(json).map_err(|err| AppError::Internal(format!("minutes: {err}")))
}

#[Object]
impl LinkageMeeting {
    /// Opaque global id.
    async fn id(&self) -> ID {
        ids::encode(NodeKind::LinkageMeeting, self.0.id)
    }
    async fn version(&self) -> i32 {
        self.0.version
    }
    /// Its level.
    async fn level(&self) -> LinkageLevel {
        match self.0.level.as_str() {
            "DISTRICT" => LinkageLevel::District,
            "STREET" => LinkageLevel::Street,
            "COMMUNITY" => LinkageLevel::Community,
            _ => LinkageLevel::City,
        }
    }
    /// The district, street or community that held it.
    async fn area(&self, ctx: &Context<'_>) -> AppResult<Option<Node>> {
        let kind = match self.0.area_kind.as_str() {
            "district" => NodeKind::District,
            "street" => NodeKind::Street,
            _ => NodeKind::Community,
        };
        fetch(ctx, kind, self.0.area_id).await
    }
    /// The day it was held.
    async fn held_on(&self) -> NaiveDate {
        self.0.held_on
    }
    async fn title(&self) -> &str {
        &self.0.title
    }
    /// The topics discussed.
    async fn topics(&self) -> AppResult<Vec<String>> {
        strings(&self.0.topics)
    }
    /// The decisions taken.
    async fn decisions(&self) -> AppResult<Vec<String>> {
        strings(&self.0.decisions)
    }
    /// The organisations that attended and the viewer sees.
    async fn attending_organizations(
        &self,
        ctx: &Context<'_>,
    ) -> AppResult<Vec<PartyOrganization>> {
        let rows = attendees(ctx, self.0.id).await?;
        in_order(ctx, rows.iter().filter_map(|row| row.organization_id)).await
    }
    /// The members who attended and the viewer sees (masked by policy).
    async fn attending_members(&self, ctx: &Context<'_>) -> AppResult<Vec<PartyMember>> {
        let rows = attendees(ctx, self.0.id).await?;
        in_order(ctx, rows.iter().filter_map(|row| row.member_id)).await
    }
}

/// The rows of `R` with these ids that the viewer sees, in the order given, in one batch.
async fn in_order<R: Resource>(
    ctx: &Context<'_>,
    ids: impl Iterator<Item = i32>,
) -> AppResult<Vec<R>> {
    let ids: Vec<i32> = ids.collect();
    let request = RequestContext::of(ctx)?;
    let found = request
        .loader
        .load_many(ids.iter().map(|id| ById::<R>::new(*id)))
        .await?;
    Ok(ids
        .into_iter()
        .filter_map(|id| found.get(&ById::<R>::new(id)).cloned())
        .collect())
}

/// The attendee rows of the meeting with this id.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct AttendeesOf(pub i32);

impl Loader<AttendeesOf> for DbLoader {
    type Value = Vec<attendee::Model>;
    type Error = AppError;

    async fn load(
        &self,
        keys: &[AttendeesOf],
    ) -> AppResult<HashMap<AttendeesOf, Vec<attendee::Model>>> {
        self.batch_sizes.record(keys.len());
        let rows = access::visible::<attendee::Entity>(&self.viewer)
            .filter(attendee::Column::MeetingId.is_in(keys.iter().map(|key| key.0)))
            .order_by_asc(attendee::Column::Id)
            .all(&self.db)
            .await?;
        let mut found: HashMap<AttendeesOf, Vec<attendee::Model>> = HashMap::new();
        for row in rows {
            found
                .entry(AttendeesOf(row.meeting_id))
                .or_default()
                .push(row);
        }
        Ok(found)
    }
}

async fn attendees(ctx: &Context<'_>, meeting: i32) -> AppResult<Vec<attendee::Model>> {
    let request = RequestContext::of(ctx)?;
    let rows = request.loader.load_one(AttendeesOf(meeting)).await?;
    Ok(rows.unwrap_or_default())
}

#[derive(Default)]
pub struct LinkageQuery;

#[Object]
impl LinkageQuery {
    /// The linkage meetings (联席会议) held by areas the viewer sees, paged.
    async fn linkage_meetings(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
        last: Option<i32>,
        before: Option<String>,
        filter: Option<LinkageMeetingFilter>,
        order_by: Option<LinkageMeetingOrder>,
    ) -> AppResult<Connection<LinkageMeeting>> {
        let args = PageArgs {
            first,
            after,
            last,
            before,
        };
        list(ctx, args, order_by, filter).await
    }
}
