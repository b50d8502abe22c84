//! The Relay `Node` interface and `node(id)`.

use async_graphql::{Context, ID, Interface, Object};

use super::activities::{Activity, ActivityParticipation};
use super::care::CareProfile;
use super::cobuild::{
    AllianceMembership, CoBuildingUnit, Milestone, NeedItem, Project, ResourceItem,
};
use super::context::RequestContext;
use super::facilities::{Facility, FacilityBooking};
use super::ids::{self, NodeKind};
use super::mediation::MediationCase;
use super::party::{PartyMember, PartyOrganization};
use super::points::{Honour, PointsAdjustment, PointsEntry, RedemptionOrder, Reward, Volunteer};
use super::posts::Post;
use super::requests::{Request, RequestEvent, RequestExtension, RequestSupervision};
use super::resolve::by_id;
use super::services::{ServiceItem, ServiceOrder, ServiceProvider};
use super::territory::{Building, Community, District, Grid, Household, Resident, Street, Unit};
use super::visits::{Visit, VisitFinding};
use crate::error::{AppError, AppResult};

/// An object with a global id, fetchable with `node(id)`.
#[derive(Interface)]
#[graphql(field(name = "id", ty = "ID", desc = "Opaque global id."))]
// A `Node` lives for one field's resolution; boxing the large rows would buy nothing.
#[allow(clippy::large_enum_variant)]
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
    RequestExtension(RequestExtension),
    RequestSupervision(RequestSupervision),
    Volunteer(Volunteer),
    PointsEntry(PointsEntry),
    Reward(Reward),
    RedemptionOrder(RedemptionOrder),
    PointsAdjustment(PointsAdjustment),
    Activity(Activity),
    ActivityParticipation(ActivityParticipation),
    Visit(Visit),
    VisitFinding(VisitFinding),
    Facility(Facility),
    PartyOrganization(PartyOrganization),
    MediationCase(MediationCase),
    Post(Post),
    PartyMember(PartyMember),
    CoBuildingUnit(CoBuildingUnit),
    AllianceMembership(AllianceMembership),
    NeedItem(NeedItem),
    ResourceItem(ResourceItem),
    Project(Project),
    Milestone(Milestone),
    Honour(Honour),
    FacilityBooking(FacilityBooking),
    CareProfile(CareProfile),
    ServiceItem(ServiceItem),
    ServiceProvider(ServiceProvider),
    ServiceOrder(ServiceOrder),
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
        NodeKind::RequestExtension => by_id::<RequestExtension>(ctx, id)
            .await?
            .map(Node::RequestExtension),
        NodeKind::RequestSupervision => by_id::<RequestSupervision>(ctx, id)
            .await?
            .map(Node::RequestSupervision),
        NodeKind::Volunteer => by_id::<Volunteer>(ctx, id).await?.map(Node::Volunteer),
        NodeKind::PointsEntry => by_id::<PointsEntry>(ctx, id).await?.map(Node::PointsEntry),
        NodeKind::Reward => by_id::<Reward>(ctx, id).await?.map(Node::Reward),
        NodeKind::RedemptionOrder => by_id::<RedemptionOrder>(ctx, id)
            .await?
            .map(Node::RedemptionOrder),
        NodeKind::PointsAdjustment => by_id::<PointsAdjustment>(ctx, id)
            .await?
            .map(Node::PointsAdjustment),
        NodeKind::Activity => by_id::<Activity>(ctx, id).await?.map(Node::Activity),
        NodeKind::ActivityParticipation => by_id::<ActivityParticipation>(ctx, id)
            .await?
            .map(Node::ActivityParticipation),
        NodeKind::Visit => by_id::<Visit>(ctx, id).await?.map(Node::Visit),
        NodeKind::VisitFinding => by_id::<VisitFinding>(ctx, id)
            .await?
            .map(Node::VisitFinding),
        NodeKind::HouseholdVisit | NodeKind::User => None,
        NodeKind::Facility => by_id::<Facility>(ctx, id).await?.map(Node::Facility),
        NodeKind::PartyOrganization => by_id::<PartyOrganization>(ctx, id)
            .await?
            .map(Node::PartyOrganization),
        NodeKind::MediationCase => by_id::<MediationCase>(ctx, id)
            .await?
            .map(Node::MediationCase),
        NodeKind::MediationParty | NodeKind::MediationSession => None,
        NodeKind::Post => by_id::<Post>(ctx, id).await?.map(Node::Post),
        NodeKind::PartyMember => by_id::<PartyMember>(ctx, id).await?.map(Node::PartyMember),
        NodeKind::CoBuildingUnit => by_id::<CoBuildingUnit>(ctx, id)
            .await?
            .map(Node::CoBuildingUnit),
        NodeKind::AllianceMembership => by_id::<AllianceMembership>(ctx, id)
            .await?
            .map(Node::AllianceMembership),
        NodeKind::NeedItem => by_id::<NeedItem>(ctx, id).await?.map(Node::NeedItem),
        NodeKind::ResourceItem => by_id::<ResourceItem>(ctx, id)
            .await?
            .map(Node::ResourceItem),
        NodeKind::Project => by_id::<Project>(ctx, id).await?.map(Node::Project),
        NodeKind::Milestone => by_id::<Milestone>(ctx, id).await?.map(Node::Milestone),
        NodeKind::ProjectResource => None,
        NodeKind::Honour => by_id::<Honour>(ctx, id).await?.map(Node::Honour),
        NodeKind::FacilityBooking => by_id::<FacilityBooking>(ctx, id)
            .await?
            .map(Node::FacilityBooking),
        NodeKind::OpeningPeriod => None,
        NodeKind::CareProfile => by_id::<CareProfile>(ctx, id).await?.map(Node::CareProfile),
        NodeKind::ServiceItem => by_id::<ServiceItem>(ctx, id).await?.map(Node::ServiceItem),
        NodeKind::ServiceProvider => by_id::<ServiceProvider>(ctx, id)
            .await?
            .map(Node::ServiceProvider),
        NodeKind::ServiceOrder => by_id::<ServiceOrder>(ctx, id)
            .await?
            .map(Node::ServiceOrder),
        NodeKind::LiaisonHousehold
        | NodeKind::DualReport
        | NodeKind::PartyMemberTransfer
        | NodeKind::LinkageMeeting => None,
    })
}

/// The materialised path of the area `id`, if the viewer sees that area: what root
/// fields "over an area" (dashboards, subscriptions) start from. Out of scope and
/// unknown areas are both NOT_FOUND; an id of anything else is bad input.
pub(crate) async fn visible_area_path(ctx: &Context<'_>, id: &ID) -> AppResult<String> {
    let request = RequestContext::signed_in(ctx)?;
    let (kind, id) = ids::decode(id)?;
    let area = kind
        .area_table()
        .and_then(crate::access::AreaKind::parse)
        .ok_or_else(|| AppError::bad_input("`areaId` must be the id of an area"))?;
    fetch(ctx, kind, id).await?.ok_or(AppError::NotFound)?;
    crate::auth::accounts::area_path(&request.db, area, id).await
}
