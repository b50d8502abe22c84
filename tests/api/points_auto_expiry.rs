//! Automatic expiry by the ticker: points older than the rule's cut-off and still
//! unused get one EXPIRE entry (the oldest are spent first), a second tick — or two at
//! once — changes nothing, and the ledger still reconciles.

use chrono::{DateTime, Utc};
use community_hub::domain::points_expiry::ExpiryRule;
use community_hub::service::points::auto_expiry::tick;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use serde_json::json;

use entity::points_entry;

use crate::points_support::Ledger;

const DAY: i64 = 24;

/// The ledger's automatic EXPIRE entries, oldest first: (amount, reason).
async fn automatic(ledger: &Ledger) -> Vec<(i64, Option<String>)> {
    points_entry::Entity::find()
        .filter(points_entry::Column::SourceKind.eq("EXPIRY_RULE"))
        .order_by_asc(points_entry::Column::Id)
        .all(&ledger.app.state.db)
        .await
        .unwrap()
        .into_iter()
        .map(|entry| (entry.amount, entry.reason))
        .collect()
}

async fn tick_at(ledger: &Ledger, rule: ExpiryRule, hours: i64) -> Option<usize> {
    ledger.app.set_clock_hours_after_start(hours);
    let now: DateTime<Utc> = ledger.app.state.clock.now();
    tick(&ledger.app.state.db, rule, now).await.unwrap()
}

#[tokio::test]
async fn points_unused_twelve_months_after_earning_expire_once_oldest_first() {
    let ledger = Ledger::open().await;
    let rule = ExpiryRule::AfterMonths(12);
    ledger.fund(100).await;
    // 30 of the first 100 are used up (here: retired by hand).
    let spend = json!({ "residentId": ledger.resident_id, "amount": 30, "reason": "兑换" });
    ledger
        .ok(&ledger.keeper, "expirePoints", spend, "entry { id }")
        .await;
    ledger.app.set_clock_hours_after_start(330 * DAY);
    ledger.fund(50).await;
    // Eleven months on, nothing is a year old yet.
    assert_eq!(tick_at(&ledger, rule, 340 * DAY).await, Some(0));
    assert!(automatic(&ledger).await.is_empty());
    // Thirteen months on: the 70 left of the first 100 expire, the recent 50 stay.
    assert_eq!(tick_at(&ledger, rule, 396 * DAY).await, Some(1));
    let entries = automatic(&ledger).await;
    assert_eq!(entries.len(), 1);
    assert_eq!(entries[0].0, -70);
    assert!(entries[0].1.as_deref().unwrap().contains("2026-07-"));
    assert_eq!(ledger.account().await["available"], 50);
    // The next tick, and one a day later, find nothing more.
    assert_eq!(tick_at(&ledger, rule, 396 * DAY).await, Some(0));
    assert_eq!(tick_at(&ledger, rule, 397 * DAY).await, Some(0));
    assert_eq!(automatic(&ledger).await.len(), 1);
    assert_eq!(ledger.account().await["available"], 50);
    assert_eq!(ledger.reconciliation().await["consistent"], true);
}

#[tokio::test]
async fn at_year_end_the_years_points_expire_and_two_ticks_at_once_expire_them_once() {
    let ledger = Ledger::open().await;
    let rule = ExpiryRule::YearEnd;
    ledger.fund(40).await;
    // Still 2026 in Shanghai (2026-12-31 15:00 UTC is 23:00 local).
    assert_eq!(tick_at(&ledger, rule, 199 * DAY + 11).await, Some(0));
    // 2027-01-01 01:00 in Shanghai.
    ledger.app.set_clock_hours_after_start(199 * DAY + 13);
    let now = ledger.app.state.clock.now();
    let db = &ledger.app.state.db;
    let (first, second) = tokio::join!(tick(db, rule, now), tick(db, rule, now));
    let expired: usize = [first.unwrap(), second.unwrap()]
        .into_iter()
        .flatten()
        .sum();
    assert_eq!(expired, 1);
    assert_eq!(automatic(&ledger).await.len(), 1);
    assert_eq!(automatic(&ledger).await[0].0, -40);
    assert_eq!(ledger.account().await["available"], 0);
    assert_eq!(ledger.reconciliation().await["consistent"], true);
}

#[tokio::test]
async fn never_expires_nothing() {
    let ledger = Ledger::open().await;
    ledger.fund(10).await;
    assert_eq!(
        tick_at(&ledger, ExpiryRule::Never, 2000 * DAY).await,
        Some(0)
    );
    assert_eq!(ledger.account().await["available"], 10);
}

#[test]
fn the_rule_comes_from_points_expiry_and_nonsense_is_refused() {
    use community_hub::config::Config;
    let load = |value: Option<&str>| {
        let env: std::collections::HashMap<String, String> = value
            .map(|v| ("POINTS_EXPIRY".to_owned(), v.to_owned()))
            .into_iter()
            .collect();
        Config::load(None, &env)
    };
    assert_eq!(load(None).unwrap().points_expiry, ExpiryRule::Never);
    let rule = load(Some("months:24")).unwrap().points_expiry;
    assert_eq!(rule, ExpiryRule::AfterMonths(24));
    assert_eq!(
        load(Some("year-end")).unwrap().points_expiry,
        ExpiryRule::YearEnd
    );
    let err = load(Some("months:0")).unwrap_err();
    assert!(err.to_string().starts_with("POINTS_EXPIRY"), "{err}");
}
