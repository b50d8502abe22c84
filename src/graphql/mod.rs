//! The GraphQL schema: one `MergedObject` part per resource area, the executor that
//! runs requests against it, and the per-request context.

pub mod activities;
mod batches;
mod care;
pub mod cobuild;
pub mod context;
mod dashboard;
mod errors;
pub mod execution;
pub mod facilities;
pub mod identity;
pub mod ids;
mod limits;
pub(crate) mod macros;
pub mod mediation;
mod mutation;
mod node;
mod object_list;
mod observe;
pub mod pagination;
mod parsed;
pub mod party;
pub mod points;
pub mod posts;
mod privacy;
pub mod requests;
mod resolve;
mod services;
mod slots;
pub mod territory;
pub mod visits;

use async_graphql::{MergedObject, MergedSubscription, Schema, SchemaBuilder};

pub use context::RequestContext;

use crate::config::Config;

/// Every root query field, assembled from the resource areas.
#[derive(MergedObject, Default)]
pub struct Query(
    node::NodeQuery,
    territory::TerritoryQuery,
    identity::IdentityQuery,
    privacy::AuditQuery,
    requests::RequestsQuery,
    dashboard::DashboardQuery,
    points::PointsQuery,
    activities::ActivitiesQuery,
    visits::VisitsQuery,
    facilities::FacilitiesQuery,
    party::PartyQuery,
    mediation::MediationQuery,
    posts::PostsQuery,
    cobuild::CoBuildQuery,
    points::HonoursQuery,
    care::CareQuery,
    services::ServicesQuery,
    party::DualReportQuery,
    party::LinkageQuery,
    party::CoverageQuery,
);

/// Every root mutation, assembled from the resource areas.
#[derive(MergedObject, Default)]
pub struct Mutation(
    identity::IdentityMutation,
    privacy::RevealMutation,
    requests::RequestsMutation,
    requests::SupervisionMutation,
    points::PointsMutation,
    activities::ActivitiesMutation,
    visits::VisitsMutation,
    mediation::MediationMutation,
    posts::PostsMutation,
    party::PartyMutation,
    cobuild::CoBuildMutation,
    points::HonoursMutation,
    facilities::FacilitiesMutation,
    care::CareMutation,
    services::ServicesMutation,
    party::LiaisonMutation,
    party::DualReportMutation,
    party::LinkageMutation,
    dashboard::EvaluationMutation,
);

/// Every root subscription (served over WebSocket at `/graphql/ws`).
#[derive(MergedSubscription, Default)]
pub struct Subscription(requests::RequestsSubscription);

pub type HubSchema = Schema<Query, Mutation, Subscription>;

/// The schema with its extensions and limits, but no per-request data.
pub fn schema_builder() -> SchemaBuilder<Query, Mutation, Subscription> {
    Schema::build(
        Query::default(),
        Mutation::default(),
        Subscription::default(),
    )
    .register_output_type::<node::Node>()
}

/// The schema as served: [`schema_builder`] plus the nesting limit;
/// introspection and "did you mean" suggestions only in demo mode.
pub fn serving_schema_builder(config: &Config) -> SchemaBuilder<Query, Mutation, Subscription> {
    let limits = &config.serving.limits;
    // Limits, slots, batches and error shapes are the executor's ([`execution`]): the
    // schema itself runs without extensions, which [`object_list`] relies on: it calls
    // no per-field extension hook.
    let builder = schema_builder().limit_recursive_depth(limits.max_recursive_depth);
    if config.demo {
        builder
    } else {
        builder.disable_introspection().disable_suggestions()
    }
}

/// The schema in SDL, as checked in at `schema.graphql`.
pub fn sdl() -> String {
    schema_builder().finish().sdl()
}
