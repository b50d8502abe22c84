//! Integration tests: the app started in-process on a fresh database (SQLite file by
//! default, a uniquely named PostgreSQL database when `TEST_DATABASE_URL` is set),
//! spoken to over real HTTP.

mod architecture;
mod bad_input;
mod bookings;
mod bookings_support;
mod care;
mod cobuilding_activities;
mod counters;
mod dashboard;
mod database_faults;
mod documents;
mod facilities;
mod filters;
mod fuzz;
mod hardening;
mod harness;
mod health;
mod identity;
mod instances;
mod link;
mod logs;
mod mediation;
#[cfg(feature = "otel")]
mod otel;
mod paging;
mod party;
mod points;
mod points_rules;
mod points_support;
mod privacy;
mod rate_limits;
mod requests;
mod requests_channels;
mod requests_demo;
mod requests_privacy;
mod requests_rules;
mod requests_safety;
mod requests_supervision;
mod requests_support;
mod requests_ticker;
mod schema;
mod scoping;
mod slow_clients;
mod statements;
mod subscriptions;
mod subscriptions_support;
mod visits;
mod visits_rules;
mod visits_support;
