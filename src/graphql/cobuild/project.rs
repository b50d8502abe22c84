//! The `Project` and `Milestone` nodes (项目清单), and `ProjectResource`, one resource a
//! project draws on.

use async_graphql::{Context, ID, Object};
use chrono::{DateTime, NaiveDate, Utc};

use entity::{milestone, need_item, project, project_resource};

use super::enums::{ProjectStatus, area_id};
use super::filters::{
    MilestoneOrder, NeedFilter, NeedOrder, NoFilter, ProjectFilter, ProjectOrder,
    ProjectResourceOrder,
};
use super::lists::{NeedItem, ResourceItem};
use super::unit::CoBuildingUnit;
use crate::error::AppResult;
use crate::graphql::ids::{self, NodeKind};
use crate::graphql::macros::resource;
use crate::graphql::pagination::{Connection, PageArgs};
use crate::graphql::resolve::{by_id, children};

/// A project that answers needs with resources.
#[derive(Clone)]
pub struct Project(pub project::Model);
resource!(Project, project, ProjectOrder, ProjectFilter);

#[Object]
impl Project {
    /// Opaque global id.
    pub async fn id(&self) -> ID {
        ids::encode(NodeKind::Project, self.0.id)
    }
    /// Bumped on every change (each milestone update rolls up into it).
    async fn version(&self) -> i32 {
        self.0.version
    }
    /// The project's name.
    async fn name(&self) -> &str {
        &self.0.name
    }
    /// The area it is placed in.
    async fn area_id(&self) -> ID {
        area_id(&self.0.area_kind, self.0.area_id)
    }
    /// Where it stands.
    async fn status(&self) -> ProjectStatus {
        self.0.status.into()
    }
    /// 0 to 100: the mean of its milestones' progress, rounded down.
    async fn progress(&self) -> i32 {
        self.0.progress
    }
    /// When it was created.
    async fn created_at(&self) -> DateTime<Utc> {
        self.0.created_at
    }
    /// The unit that owns it.
    async fn owner(&self, ctx: &Context<'_>) -> AppResult<Option<CoBuildingUnit>> {
        by_id(ctx, self.0.owner_unit_id).await
    }
    /// Its milestones, as planned.
    async fn milestones(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
        last: Option<i32>,
        before: Option<String>,
    ) -> AppResult<Connection<Milestone>> {
        let args = PageArgs {
            first,
            after,
            last,
            before,
        };
        let via = milestone::Column::ProjectId;
        children(ctx, via, self.0.id, args, Some(MilestoneOrder::IdAsc), None).await
    }
    /// The needs it answers.
    #[allow(clippy::too_many_arguments)]
    async fn needs(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
        last: Option<i32>,
        before: Option<String>,
        filter: Option<NeedFilter>,
        order_by: Option<NeedOrder>,
    ) -> AppResult<Connection<NeedItem>> {
        let args = PageArgs {
            first,
            after,
            last,
            before,
        };
        let via = need_item::Column::ProjectId;
        children(ctx, via, self.0.id, args, order_by, filter).await
    }
    /// The resources it draws on.
    async fn resources(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
        last: Option<i32>,
        before: Option<String>,
    ) -> AppResult<Connection<ProjectResource>> {
        let args = PageArgs {
            first,
            after,
            last,
            before,
        };
        let via = project_resource::Column::ProjectId;
        children(ctx, via, self.0.id, args, None, None).await
    }
}

/// One step of a project, with its own progress.
#[derive(Clone)]
pub struct Milestone(pub milestone::Model);
resource!(Milestone, milestone, MilestoneOrder, NoFilter);

#[Object]
impl Milestone {
    /// Opaque global id.
    pub async fn id(&self) -> ID {
        ids::encode(NodeKind::Milestone, self.0.id)
    }
    /// Send it back to `updateMilestone`: a stale version is a CONFLICT.
    async fn version(&self) -> i32 {
        self.0.version
    }
    /// What the step is.
    async fn title(&self) -> &str {
        &self.0.title
    }
    /// When it is due.
    async fn due_on(&self) -> Option<NaiveDate> {
        self.0.due_on
    }
    /// 0 to 100.
    async fn progress(&self) -> i32 {
        self.0.progress
    }
    /// When its progress last changed.
    async fn updated_at(&self) -> DateTime<Utc> {
        self.0.updated_at
    }
    /// Its project.
    async fn project(&self, ctx: &Context<'_>) -> AppResult<Option<Project>> {
        by_id(ctx, self.0.project_id).await
    }
}

/// A resource one project draws on.
#[derive(Clone)]
pub struct ProjectResource(pub project_resource::Model);
resource!(
    ProjectResource,
    project_resource,
    ProjectResourceOrder,
    NoFilter
);

#[Object]
impl ProjectResource {
    /// The resource, if in sight.
    async fn resource(&self, ctx: &Context<'_>) -> AppResult<Option<ResourceItem>> {
        by_id(ctx, self.0.resource_id).await
    }
}
