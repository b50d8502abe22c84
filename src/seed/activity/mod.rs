//! A year of activity over a seeded territory (`seed-demo --activity`): residents'
//! requests with their events, extensions and supervision cards, service orders,
//! volunteering and points, grid workers' visits and mediation cases, in the volumes a
//! real district has, so that dashboards and benchmarks measure real work. The demo
//! accounts' few hand-made records (`serve --demo`) go through the services instead;
//! these rows are written in bulk, like the territory, and are just as deterministic:
//! every row depends only on the dataset seed and the id of the area or person it
//! belongs to.
//!
//! The activity year is fixed ([`YEAR_START`] to [`YEAR_END`]), not the clock's, so
//! the same command always loads the same rows.

use chrono::{DateTime, TimeZone, Utc};
use sea_orm::{ActiveModelTrait, DatabaseConnection, EntityName, Set, TransactionTrait};

use entity::enums::AccountStatus;
use entity::{app_user, request};

use crate::error::AppResult;

mod bulk;
mod mediation;
mod requests;
mod services;
mod visits;
mod volunteers;

/// The first instant of the activity year.
pub const YEAR_START: (i32, u32, u32) = (2026, 1, 1);
/// The end of the activity year (exclusive): nothing is dated at or after it.
pub const YEAR_END: (i32, u32, u32) = (2026, 12, 1);

/// How many rows of each kind were inserted.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ActivityReport {
    pub requests: u64,
    pub request_events: u64,
    pub request_extensions: u64,
    pub supervision_cards: u64,
    pub service_items: u64,
    pub service_providers: u64,
    pub service_orders: u64,
    pub activities: u64,
    pub participations: u64,
    pub points_accounts: u64,
    pub points_entries: u64,
    pub redemptions: u64,
    pub visits: u64,
    pub visit_households: u64,
    pub mediation_cases: u64,
}

/// Loads the activity into a database that holds the seeded territory and nothing
/// else of the kinds loaded here, in one transaction.
pub async fn seed_activity(db: &DatabaseConnection, seed: u64) -> AppResult<ActivityReport> {
    let txn = db.begin().await?;
    let actor = actor(&txn).await?;
    let mut report = ActivityReport::default();
    requests::insert(&txn, seed, actor, &mut report).await?;
    services::insert(&txn, seed, actor, &mut report).await?;
    volunteers::insert(&txn, seed, actor, &mut report).await?;
    visits::insert(&txn, seed, actor, &mut report).await?;
    mediation::insert(&txn, seed, actor, &mut report).await?;
    super::reset_sequences(&txn, &[request::Entity.table_name()]).await?;
    txn.commit().await?;
    Ok(report)
}

/// The account the generated records name as their actor (the staff member who
/// accepted, extended, carded, ordered or visited): one disabled account, which can
/// never sign in, instead of made-up staff.
async fn actor(txn: &sea_orm::DatabaseTransaction) -> AppResult<i32> {
    let at = instant(YEAR_START);
    let user = app_user::ActiveModel {
        username: Set(ACTOR_USERNAME.to_owned()),
        // Not a hash of anything: no password verifies against it.
        password_hash: Set("!".to_owned()),
        display_name: Set("生成的活动数据".to_owned()),
        status: Set(AccountStatus::Disabled),
        resident_id: Set(None),
        token_version: Set(1),
        created_at: Set(at),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    Ok(user.id)
}

/// The username of the generated records' actor.
pub const ACTOR_USERNAME: &str = "seed.activity";

pub(super) fn instant((year, month, day): (i32, u32, u32)) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(year, month, day, 0, 0, 0)
        .single()
        .expect("a valid date")
}
