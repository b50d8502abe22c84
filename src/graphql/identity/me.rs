//! `me`: who the caller is, as the hub sees them.

use std::sync::Arc;

use async_graphql::{Context, Enum, ID, Object};

use crate::access::{AreaKind, Grant as AccessGrant, Principal, PrincipalKind, Role, Viewer};
use crate::error::{AppError, AppResult};
use crate::graphql::RequestContext;
use crate::graphql::ids::{self, NodeKind};
use crate::graphql::node::{self, Node};

/// A person or an application.
#[derive(Enum, Copy, Clone, Debug, PartialEq, Eq)]
pub enum ViewerKind {
    User,
    Client,
}

/// The signed-in caller.
pub struct Me(Arc<Principal>);

#[Object(name = "Viewer")]
impl Me {
    /// A user or an API client.
    async fn kind(&self) -> ViewerKind {
        match self.0.kind {
            PrincipalKind::User => ViewerKind::User,
            PrincipalKind::Client => ViewerKind::Client,
        }
    }
    /// Username, or the client id of an API client.
    async fn name(&self) -> &str {
        &self.0.name
    }
    /// Roles held by a user, each on an area; empty for API clients.
    async fn grants(&self) -> Vec<ViewerGrant> {
        self.0.grants.iter().map(ViewerGrant::from).collect()
    }
    /// The area an API client is bound to.
    async fn client_area(&self) -> Option<ViewerArea> {
        self.0
            .area
            .as_ref()
            .map(|area| ViewerArea::new(area.kind, area.id))
    }
    /// API scopes of a client (`territory:read`, …); empty for users.
    async fn scopes(&self) -> &[String] {
        &self.0.scopes
    }
}

/// A role on an area.
pub struct ViewerGrant {
    role: Role,
    area: ViewerArea,
}

impl From<&AccessGrant> for ViewerGrant {
    fn from(grant: &AccessGrant) -> Self {
        ViewerGrant {
            role: grant.role,
            area: ViewerArea::new(grant.area.kind, grant.area.id),
        }
    }
}

#[Object(name = "Grant")]
impl ViewerGrant {
    async fn role(&self) -> Role {
        self.role
    }
    /// The level of the area.
    async fn area_kind(&self) -> AreaKind {
        self.area.kind
    }
    /// Global id of the area.
    async fn area_id(&self) -> ID {
        self.area.global_id()
    }
    /// The area itself (its `name` and more, through fragments).
    async fn area(&self, ctx: &Context<'_>) -> AppResult<Option<Node>> {
        self.area.node(ctx).await
    }
}

/// An area of the territory tree, by kind and id.
pub struct ViewerArea {
    kind: AreaKind,
    id: i32,
}

impl ViewerArea {
    fn new(kind: AreaKind, id: i32) -> Self {
        ViewerArea { kind, id }
    }

    fn global_id(&self) -> ID {
        ids::encode(node_kind(self.kind), self.id)
    }

    async fn node(&self, ctx: &Context<'_>) -> AppResult<Option<Node>> {
        node::fetch(ctx, node_kind(self.kind), self.id).await
    }
}

#[Object(name = "Area")]
impl ViewerArea {
    /// The level of the area.
    async fn area_kind(&self) -> AreaKind {
        self.kind
    }
    /// Global id of the area.
    async fn area_id(&self) -> ID {
        self.global_id()
    }
    /// The area itself.
    async fn area(&self, ctx: &Context<'_>) -> AppResult<Option<Node>> {
        self.node(ctx).await
    }
}

fn node_kind(kind: AreaKind) -> NodeKind {
    match kind {
        AreaKind::District => NodeKind::District,
        AreaKind::Street => NodeKind::Street,
        AreaKind::Community => NodeKind::Community,
        AreaKind::Grid => NodeKind::Grid,
        AreaKind::Building => NodeKind::Building,
        AreaKind::Unit => NodeKind::Unit,
        AreaKind::Household => NodeKind::Household,
    }
}

#[derive(Default)]
pub struct IdentityQuery;

#[Object]
impl IdentityQuery {
    /// The signed-in caller; UNAUTHENTICATED without a token.
    async fn me(&self, ctx: &Context<'_>) -> AppResult<Me> {
        let request = RequestContext::of(ctx)?;
        match &request.viewer {
            Viewer::Principal(principal) => Ok(Me(principal.clone())),
            _ => Err(AppError::Unauthenticated),
        }
    }
}
