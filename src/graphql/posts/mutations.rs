//! The post mutations: each decodes its input and makes one call into
//! `service::posts`, which runs the change as one idempotent transaction.

use async_graphql::{Context, Object};

use super::Post;
use super::inputs::{AppointPostInput, EndPostInput, PostPayload};
use crate::error::AppResult;
use crate::graphql::mutation::change;
use crate::service::posts;

#[derive(Default)]
pub struct PostsMutation;

#[Object]
impl PostsMutation {
    /// Appoints a holder to a post on a grid, building or unit of the appointer's
    /// community (community staff and the administrators above). A grid, building or
    /// unit has one active leader: a second appointment is CONFLICT until `endPost`.
    async fn appoint_post(
        &self,
        ctx: &Context<'_>,
        input: AppointPostInput,
    ) -> AppResult<PostPayload> {
        let new = input.into_new()?;
        let post = posts::appoint(&change(ctx)?, new).await?;
        Ok(PostPayload { post: Post(post) })
    }
    /// Ends a term on its last day (versioned; an ended post is CONFLICT).
    async fn end_post(&self, ctx: &Context<'_>, input: EndPostInput) -> AppResult<PostPayload> {
        let end = input.into_end()?;
        let post = posts::end(&change(ctx)?, end).await?;
        Ok(PostPayload { post: Post(post) })
    }
}
