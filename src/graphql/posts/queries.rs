//! Root fields of posts, and the public notice board.

use async_graphql::{Context, ID, Object};

use super::Post;
use super::board::NoticeBoard;
use super::filters::{PostFilter, PostOrder};
use crate::access::notice_board;
use crate::error::{AppError, AppResult};
use crate::graphql::RequestContext;
use crate::graphql::ids::{self, NodeKind};
use crate::graphql::pagination::{Connection, PageArgs};
use crate::graphql::resolve::{list, lookup};

#[derive(Default)]
pub struct PostsQuery;

#[Object]
impl PostsQuery {
    /// A post by id; NOT_FOUND when it does not exist or is out of scope.
    async fn post(&self, ctx: &Context<'_>, id: ID) -> AppResult<Option<Post>> {
        lookup(ctx, &id).await
    }
    /// The posts the viewer may see, paged.
    async fn posts(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
        last: Option<i32>,
        before: Option<String>,
        filter: Option<PostFilter>,
        order_by: Option<PostOrder>,
    ) -> AppResult<Connection<Post>> {
        let args = PageArgs {
            first,
            after,
            last,
            before,
        };
        list(ctx, args, order_by, filter).await
    }
    /// A building's public notice board (三长公示牌): its three leaders' display names
    /// and relay phones and its service numbers. Open WITHOUT a token (the one anonymous
    /// read, see `access::policy::ANONYMOUS_READS`), so a QR code in the stairwell opens
    /// it; NOT_FOUND for an unknown building.
    async fn notice_board(&self, ctx: &Context<'_>, building_id: ID) -> AppResult<NoticeBoard> {
        let request = RequestContext::of(ctx)?;
        let building = ids::decode_as(&building_id, NodeKind::Building)?;
        let today = request.filter_env().today;
        notice_board::notice_board(&request.db, building, today)
            .await?
            .map(Into::into)
            .ok_or(AppError::NotFound)
    }
}
