//! The `VisitFinding` node.

use async_graphql::{Context, ID, Object};

use entity::visit_finding;

use super::enums::Duty;
use super::filters::{NoFilter, VisitFindingOrder};
use super::visit::Visit;
use crate::error::AppResult;
use crate::graphql::ids::{self, NodeKind};
use crate::graphql::macros::resource;
use crate::graphql::requests::Request;
use crate::graphql::resolve::by_id;

/// What a visit found, filed under one of the five duties.
#[derive(Clone)]
pub struct VisitFinding(pub visit_finding::Model);
resource!(VisitFinding, visit_finding, VisitFindingOrder, NoFilter);

#[Object]
impl VisitFinding {
    /// Opaque global id.
    pub async fn id(&self) -> ID {
        ids::encode(NodeKind::VisitFinding, self.0.id)
    }
    /// Bumped when the finding opens its request.
    async fn version(&self) -> i32 {
        self.0.version
    }
    /// The duty it is filed under.
    async fn duty(&self) -> Duty {
        self.0.duty.into()
    }
    /// What the worker noted.
    async fn note(&self) -> &str {
        &self.0.note
    }
    /// The visit it was found on.
    async fn visit(&self, ctx: &Context<'_>) -> AppResult<Option<Visit>> {
        by_id(ctx, self.0.visit_id).await
    }
    /// The request it opened (`openRequestFromFinding`), if any and in sight.
    async fn request(&self, ctx: &Context<'_>) -> AppResult<Option<Request>> {
        match self.0.request_id {
            Some(id) => by_id(ctx, id).await,
            None => Ok(None),
        }
    }
}
