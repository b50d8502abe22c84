//! SeaORM entities of community-hub: one module per table, no business logic.
//!
//! Every territory row carries `path`, its materialised path of ancestor ids
//! (`"1/3/20/"`), so "everything under this area" is one indexed range scan. Rows that
//! belong to an area without being one (residents) carry `area_path`, the path of the
//! area they belong to. The server's `access` module scopes every query on that column.

#![forbid(unsafe_code)]

pub mod activity;
pub mod activity_participation;
pub mod alliance_membership;
pub mod api_client;
pub mod app_user;
pub mod audit_log;
pub mod building;
pub mod building_service_number;
pub mod care_profile;
pub mod co_building_contact;
pub mod co_building_unit;
pub mod cobuild_enums;
pub mod community;
pub mod district;
pub mod dual_report;
pub mod dual_report_hours;
pub mod enums;
pub mod evaluation_weight;
pub mod facility;
pub mod facility_booking;
pub mod facility_opening_period;
pub mod grid;
pub mod holiday;
pub mod honour;
pub mod household;
pub mod idempotency_key;
pub mod liaison_assignment;
pub mod linkage_meeting;
pub mod linkage_meeting_attendee;
pub mod mediation_case;
pub mod mediation_enums;
pub mod mediation_party;
pub mod mediation_session;
pub mod milestone;
pub mod need_item;
pub mod party_member;
pub mod party_member_transfer;
pub mod party_organization;
pub mod points_account;
pub mod points_adjustment;
pub mod points_entry;
pub mod points_enums;
pub mod post;
pub mod project;
pub mod project_resource;
pub mod redemption_order;
pub mod refresh_token;
pub mod request;
pub mod request_category;
pub mod request_enums;
pub mod request_event;
pub mod request_extension;
pub mod request_supervision;
pub mod resident;
pub mod resource_item;
pub mod reward;
pub mod role_grant;
pub mod rollup_building_households;
pub mod rollup_grid_households;
pub mod rollup_points_days;
pub mod rollup_request_cells;
pub mod rollup_request_days;
pub mod rollup_resident_births;
pub mod service_enums;
pub mod service_item;
pub mod service_order;
pub mod service_provider;
pub mod sla_policy;
pub mod street;
pub mod trusted_document;
pub mod unit;
pub mod visit;
pub mod visit_finding;
pub mod visit_household;
