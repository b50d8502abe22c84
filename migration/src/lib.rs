//! Schema migrations. Every schema change is a new migration appended to the list;
//! a migration that has run is never edited.

#![forbid(unsafe_code)]

pub use sea_orm_migration::prelude::*;

mod m0001_territory;
mod m0002_identity;
mod m0003_requests;
mod m0003_seed;
mod m0004_trusted_documents;
mod m0005_shared_places;
mod m0006_party;
mod m0007_co_building;
mod m0009_request_supervision;
mod m0010_mediation;
mod m0010_visits_mediation;
mod m0011_posts_members;
mod m0012_three_lists;
mod m0013_services;
mod m0014_service_orders;
mod m0015_party_liaison;
mod m0016_cobuild_links;
mod m0017_evaluation;
mod m0018_dashboard_indexes;
mod m0019_request_outcomes;
mod m0020_rollups;
mod m0021_building_households;
mod m0022_request_rollups;
mod m0023_points_rollups;
mod rollup;
mod schema_helpers;

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m0001_territory::Migration),
            Box::new(m0002_identity::Migration),
            Box::new(m0003_requests::Migration),
            Box::new(m0004_trusted_documents::Migration),
            Box::new(m0005_shared_places::Migration),
            Box::new(m0006_party::Migration),
            Box::new(m0007_co_building::Migration),
            Box::new(m0009_request_supervision::Migration),
            Box::new(m0010_visits_mediation::Migration),
            Box::new(m0011_posts_members::Migration),
            Box::new(m0012_three_lists::Migration),
            Box::new(m0013_services::Migration),
            Box::new(m0014_service_orders::Migration),
            Box::new(m0015_party_liaison::Migration),
            Box::new(m0016_cobuild_links::Migration),
            Box::new(m0017_evaluation::Migration),
            Box::new(m0018_dashboard_indexes::Migration),
            Box::new(m0019_request_outcomes::Migration),
            Box::new(m0020_rollups::Migration),
            Box::new(m0021_building_households::Migration),
            Box::new(m0022_request_rollups::Migration),
            Box::new(m0023_points_rollups::Migration),
        ]
    }
}
