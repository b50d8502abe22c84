//! The Relay `Node` interface and `node(id)`.

use async_graphql::{Context, ID, Interface, Object};

use super::context::RequestContext;
use super::ids::{self, NodeKind};
use super::party::PartyOrganization;
use super::requests::{Request, RequestEvent};
use super::resolve::by_id;
use super::territory::{Building, Community, District, Grid, Household, Resident, Street, Unit};
use crate::error::{AppError, AppResult};

/// An object with a global id, fetchable with `node(id)`.
#[derive(Interface)]
#[graphql(field(name = "id", ty = "ID", desc = "Opaque global id."))]
pub enum Node {
    District(District),
    Street(Street),
    Community(Community),
    Grid(Grid),
    Building(Building),
    Unit(Unit),
    Household(Household),
    Resident(Resident),
    Request(Request),
    RequestEvent(RequestEvent),
    PartyOrganization(PartyOrganization),
}

#[derive(Default)]
pub struct NodeQuery;

#[Object]
impl NodeQuery {
    /// Any object by its global id; NOT_FOUND when it does not exist or is out of scope.
    async fn node(&self, ctx: &Context<'_>, id: ID) -> AppResult<Option<Node>> {
        RequestContext::signed_in(ctx)?;
        let (kind, id) = ids::decode(&id)?;
        fetch(ctx, kind, id)
            .await?
            .map(Some)
            .ok_or(AppError::NotFound)
    }
}

/// The node of `kind` with database id `id`, if the viewer may see it (batched).
pub(super) async fn fetch(ctx: &Context<'_>, kind: NodeKind, id: i32) -> AppResult<Option<Node>> {
    Ok(match kind {
        NodeKind::District => by_id::<District>(ctx, id).await?.map(Node::District),
        NodeKind::Street => by_id::<Street>(ctx, id).await?.map(Node::Street),
        NodeKind::Community => by_id::<Community>(ctx, id).await?.map(Node::Community),
        NodeKind::Grid => by_id::<Grid>(ctx, id).await?.map(Node::Grid),
        NodeKind::Building => by_id::<Building>(ctx, id).await?.map(Node::Building),
        NodeKind::Unit => by_id::<Unit>(ctx, id).await?.map(Node::Unit),
        NodeKind::Household => by_id::<Household>(ctx, id).await?.map(Node::Household),
        NodeKind::Resident => by_id::<Resident>(ctx, id).await?.map(Node::Resident),
        NodeKind::Request => by_id::<Request>(ctx, id).await?.map(Node::Request),
        NodeKind::RequestEvent => by_id::<RequestEvent>(ctx, id)
            .await?
            .map(Node::RequestEvent),
        NodeKind::PartyOrganization => by_id::<PartyOrganization>(ctx, id)
            .await?
            .map(Node::PartyOrganization),
        NodeKind::User => None,
    })
}
