//! `requestEvents(areaId)`: the transitions of the requests under an area, as they
//! commit, on every instance (events travel by LISTEN/NOTIFY on PostgreSQL).
//!
//! A notification carries only the event's id and area path. Each subscriber loads the
//! row through its own scope with the viewer as it is *now* (grants change, tokens are
//! revoked), so what it receives is exactly what `requests` would show it. A subscriber
//! that fell behind the bus (or whose instance lost its listening connection) catches up
//! from the table instead of silently skipping what it missed.

use std::collections::VecDeque;

use async_graphql::{Context, ID, Subscription};
use futures_util::Stream;
use futures_util::stream;
use sea_orm::sea_query::Condition;
use sea_orm::{ColumnTrait, DatabaseConnection, QueryFilter, QueryOrder, QuerySelect};
use tokio::sync::broadcast::error::RecvError;

use entity::request_event;

use super::RequestEvent;
use crate::access;
use crate::error::{AppError, AppResult};
use crate::events::{Event, Following};
use crate::graphql::context::{LiveViewer, RequestContext};
use crate::graphql::node;
use crate::graphql::territory::under_area;

/// Rows one catch-up reads at most; the next wake-up reads on.
const CATCH_UP: u64 = 100;

#[derive(Default)]
pub struct RequestsSubscription;

#[Subscription]
impl RequestsSubscription {
    /// Transitions (submissions included) of the requests under `areaId` that the
    /// viewer may see, as they commit. Over WebSocket at `/graphql/ws`
    /// (graphql-transport-ws); NOT_FOUND when the area is unknown or out of scope.
    async fn request_events(
        &self,
        ctx: &Context<'_>,
        area_id: ID,
    ) -> Result<impl Stream<Item = AppResult<RequestEvent>> + use<>, AppError> {
        let request = RequestContext::signed_in(ctx)?;
        let area_path = node::visible_area_path(ctx, &area_id).await?;
        let viewer = request.live_viewer();
        let mut follow = Follow {
            events: request.app.events.follow(),
            db: request.db.clone(),
            viewer,
            area_id,
            area_path,
            last_seen: 0,
            backlog: VecDeque::new(),
        };
        // Where a catch-up would start. Notified events are delivered whatever their id:
        // on PostgreSQL ids are taken before commit, so they may commit out of order.
        follow.last_seen = follow.latest().await?;
        Ok(stream::unfold(follow, |mut follow| async move {
            let next = follow.next().await?;
            Some((next.map(RequestEvent), follow))
        }))
    }
}

struct Follow {
    events: Following,
    db: DatabaseConnection,
    viewer: LiveViewer,
    area_id: ID,
    /// The area's path, to pass over events elsewhere without a query.
    area_path: String,
    /// The highest event id delivered (or existing when the subscription began): a
    /// catch-up reads above it.
    last_seen: i32,
    backlog: VecDeque<request_event::Model>,
}

impl Follow {
    /// The next visible event; `None` when the bus closed (the server is stopping).
    async fn next(&mut self) -> Option<AppResult<request_event::Model>> {
        loop {
            if let Some(event) = self.backlog.pop_front() {
                self.last_seen = self.last_seen.max(event.id);
                return Some(Ok(event));
            }
            let found = match self.events.receiver.recv().await {
                Ok(Event::RequestEvent {
                    event_id,
                    area_path,
                }) => {
                    if !area_path.starts_with(&self.area_path) {
                        continue;
                    }
                    self.load(request_event::Column::Id.eq(event_id).into())
                        .await
                }
                Ok(Event::Resync) | Err(RecvError::Lagged(_)) => {
                    let after = request_event::Column::Id.gt(self.last_seen);
                    self.load(after.into()).await
                }
                Ok(Event::PrincipalChanged { .. }) => continue,
                Err(RecvError::Closed) => return None,
            };
            match found {
                Ok(rows) => self.backlog.extend(rows),
                Err(err) => return Some(Err(err)),
            }
        }
    }

    /// The visible events under the area that match `condition`, oldest first.
    async fn load(&self, condition: Condition) -> AppResult<Vec<request_event::Model>> {
        Ok(self
            .visible()?
            .filter(condition)
            .order_by_asc(request_event::Column::Id)
            .limit(CATCH_UP)
            .all(&self.db)
            .await?)
    }

    async fn latest(&self) -> AppResult<i32> {
        let latest: Option<Option<i32>> = self
            .visible()?
            .select_only()
            .column_as(request_event::Column::Id.max(), "latest")
            .into_tuple()
            .one(&self.db)
            .await?;
        Ok(latest.flatten().unwrap_or(0))
    }

    fn visible(&self) -> AppResult<sea_orm::Select<request_event::Entity>> {
        let viewer = self.viewer.current();
        let under = under_area(request_event::Column::AreaPath, Some(&self.area_id))?;
        Ok(access::visible::<request_event::Entity>(&viewer).filter(under))
    }
}
