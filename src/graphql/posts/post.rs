//! The `Post` node.

use async_graphql::{Context, ID, Object};
use chrono::NaiveDate;

use entity::post;

use super::enums::{Employment, PostKind};
use super::filters::{PostFilter, PostOrder};
use crate::access::post_actions;
use crate::domain::posts::duties_of;
use crate::error::AppResult;
use crate::graphql::RequestContext;
use crate::graphql::ids::{self, NodeKind};
use crate::graphql::macros::resource;
use crate::graphql::node::{Node, fetch};
use crate::graphql::resolve::by_id;
use crate::graphql::territory::Resident;
use crate::graphql::visits::Duty;

/// A post (岗位) of the three leaders, a grid worker or a mediator on a grid, building
/// or unit, for one term.
#[derive(Clone)]
pub struct Post(pub post::Model);
resource!(Post, post, PostOrder, PostFilter);

impl Post {
    fn sees_holder(&self, ctx: &Context<'_>) -> AppResult<bool> {
        let request = RequestContext::of(ctx)?;
        Ok(post_actions::sees_holder(
            &request.viewer,
            &self.0.area_path,
        ))
    }
}

#[Object]
impl Post {
    /// Opaque global id.
    pub async fn id(&self) -> ID {
        ids::encode(NodeKind::Post, self.0.id)
    }
    /// Send it back with `endPost`: a stale version is a CONFLICT.
    async fn version(&self) -> i32 {
        self.0.version
    }
    /// The kind of post.
    async fn kind(&self) -> PostKind {
        self.0.kind.into()
    }
    /// Full- or part-time, for grid workers.
    async fn employment(&self) -> Option<Employment> {
        self.0.employment.map(Into::into)
    }
    /// The grid, building or unit it is bound to, if the viewer sees it.
    async fn area(&self, ctx: &Context<'_>) -> AppResult<Option<Node>> {
        let kind = match self.0.area_kind.as_str() {
            "grid" => NodeKind::Grid,
            "building" => NodeKind::Building,
            _ => NodeKind::Unit,
        };
        fetch(ctx, kind, self.0.area_id).await
    }
    /// The name shown on notice boards.
    async fn display_name(&self) -> &str {
        &self.0.display_name
    }
    /// The relay phone shown on notice boards (public by intent).
    async fn relay_phone(&self) -> &str {
        &self.0.relay_phone
    }
    /// Which of the five duties the post carries.
    async fn duties(&self) -> Vec<Duty> {
        duties_of(self.0.duties)
            .into_iter()
            .map(Into::into)
            .collect()
    }
    /// The first day of the term.
    async fn started_on(&self) -> NaiveDate {
        self.0.started_on
    }
    /// The last day of the term; `null` while it lasts.
    async fn ended_on(&self) -> Option<NaiveDate> {
        self.0.ended_on
    }
    /// Global id of the holder's account, for those who appoint in the area.
    async fn holder_user_id(&self, ctx: &Context<'_>) -> AppResult<Option<ID>> {
        if !self.sees_holder(ctx)? {
            return Ok(None);
        }
        Ok(self
            .0
            .holder_user_id
            .map(|id| ids::encode(NodeKind::User, id)))
    }
    /// The holder's resident record (masked by policy), for those who appoint in the area.
    async fn holder_resident(&self, ctx: &Context<'_>) -> AppResult<Option<Resident>> {
        match self.0.holder_resident_id {
            Some(id) if self.sees_holder(ctx)? => by_id(ctx, id).await,
            _ => Ok(None),
        }
    }
}
