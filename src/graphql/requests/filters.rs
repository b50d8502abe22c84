//! The `requests` filter and order.

use async_graphql::{ID, InputObject};
use sea_orm::ColumnTrait;
use sea_orm::sea_query::{Condition, Query};

use entity::{request, request_category};

use super::enums::{Channel, RequestStatus};
use crate::error::AppResult;
use crate::graphql::macros::order_enum;
use crate::graphql::pagination::FilterEnv;
use crate::graphql::territory::under_area;

/// Which requests to list.
#[derive(InputObject, Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct RequestFilter {
    /// Only requests about a place anywhere under this area.
    pub area_id: Option<ID>,
    /// Only requests in one of these statuses.
    pub status: Option<Vec<RequestStatus>>,
    /// Only requests of the category with this code.
    pub category_code: Option<String>,
    /// Only requests that came in through this channel.
    pub channel: Option<Channel>,
    /// `true`: only requests whose running deadline has passed (RED); `false`: only
    /// those with no running deadline or one still ahead.
    pub overdue: Option<bool>,
}

impl RequestFilter {
    pub fn condition(&self, env: FilterEnv) -> AppResult<Condition> {
        use request::Column;
        let mut condition = under_area(Column::AreaPath, self.area_id.as_ref())?;
        if let Some(statuses) = &self.status {
            let statuses = statuses
                .iter()
                .map(|status| entity::request_enums::RequestStatus::from(*status));
            condition = condition.add(Column::Status.is_in(statuses));
        }
        if let Some(code) = &self.category_code {
            let ids = Query::select()
                .column(request_category::Column::Id)
                .from(request_category::Entity)
                .and_where(request_category::Column::Code.eq(code.trim()))
                .to_owned();
            condition = condition.add(Column::CategoryId.in_subquery(ids));
        }
        if let Some(channel) = self.channel {
            let channel = entity::request_enums::Channel::from(channel);
            condition = condition.add(Column::Channel.eq(channel));
        }
        match self.overdue {
            // A suspended request's deadline is paused: it is not overdue meanwhile.
            Some(true) => {
                condition = condition
                    .add(Column::SlaDueAt.lte(env.now))
                    .add(Column::SlaPausedAt.is_null())
            }
            Some(false) => {
                condition = condition.add(
                    Condition::any()
                        .add(Column::SlaDueAt.is_null())
                        .add(Column::SlaDueAt.gt(env.now))
                        .add(Column::SlaPausedAt.is_not_null()),
                )
            }
            None => {}
        }
        Ok(condition)
    }
}

order_enum! {
    /// How to order requests: by submission (ids grow with it).
    RequestOrder for request {}
}

order_enum! {
    /// How to order a request's events: oldest first by default.
    RequestEventOrder for request_event {}
}

order_enum! {
    /// How to order a request's extension requests: oldest first by default.
    RequestExtensionOrder for request_extension {}
}

order_enum! {
    /// How to order a request's supervision cards: oldest first by default.
    RequestSupervisionOrder for request_supervision {}
}

/// Event lists take no filter.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct NoFilter;

impl NoFilter {
    pub fn condition(&self, _env: FilterEnv) -> AppResult<Condition> {
        Ok(Condition::all())
    }
}
