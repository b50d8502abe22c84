//! Integration tests: the app started in-process on a fresh database (SQLite file by
//! default, a uniquely named PostgreSQL database when `TEST_DATABASE_URL` is set),
//! spoken to over real HTTP.

mod architecture;
mod bad_input;
mod counters;
mod filters;
mod hardening;
mod harness;
mod health;
mod identity;
mod logs;
mod paging;
mod privacy;
mod schema;
mod scoping;
mod statements;
