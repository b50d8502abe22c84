//! The request outcomes the dashboard reads off the request itself (kept by the
//! request service, not probed per request): the first resolution against the
//! handling deadline, and the repeat-complaint flag as requests come in and merge.

use chrono::Duration;
use serde_json::{Value, json};

use crate::requests_support::{Desk, gid};

const RATES: &str = "query($area: ID!, $from: DateTime!, $to: DateTime!) {
    dashboard(areaId: $area, from: $from, to: $to) { requests {
        submitted
        onTimeRate { numerator denominator }
        repeatComplaintRate { numerator denominator } } } }";

/// The requests figures of community 1 over the 40 days around the test's start.
async fn rates(desk: &Desk) -> Value {
    let start = crate::harness::test_clock().now();
    let variables = json!({ "area": gid("Community", 1),
        "from": start - Duration::days(1), "to": start + Duration::days(39) });
    let (_, body) = desk.app.graphql_as(&desk.staff, RATES, variables).await;
    assert!(body.get("errors").is_none(), "{body:#}");
    body["data"]["dashboard"]["requests"].clone()
}

/// Takes a RESOLVED request through verification and a satisfied evaluation.
async fn close(desk: &Desk, resolved: &Value) {
    let closed = desk.closed_satisfied(resolved).await;
    assert_eq!(closed["status"], "CLOSED_RESOLVED", "{closed:#}");
}

#[tokio::test]
async fn on_time_follows_the_first_resolution_even_when_rework_resolves_again_late() {
    let desk = Desk::open().await;
    let note = || json!({ "note": "已处理" });
    // Reworked: resolved in time, failed verification, resolved again a month late.
    let reworked = desk.in_progress("SANITATION").await;
    let resolved = desk
        .advance(&desk.worker, "resolveRequest", &reworked, note())
        .await;
    let failed = desk.failed_verification(&resolved).await;
    // Late: first resolved a month after it was taken on.
    let late = desk.in_progress("PROPERTY_REPAIR").await;
    desk.app.set_clock_hours_after_start(24 * 30);
    let again = desk
        .advance(&desk.worker, "resolveRequest", &failed, note())
        .await;
    close(&desk, &again).await;
    let resolved_late = desk
        .advance(&desk.worker, "resolveRequest", &late, note())
        .await;
    close(&desk, &resolved_late).await;
    let figures = rates(&desk).await;
    assert_eq!(
        figures["onTimeRate"],
        json!({ "numerator": 1, "denominator": 2 }),
        "{figures:#}"
    );
}

#[tokio::test]
async fn a_repeat_complaint_stops_counting_once_the_earlier_request_is_merged_away() {
    let desk = Desk::open().await;
    let first = desk.walk_in("SANITATION", "NORMAL").await;
    desk.app.set_clock_hours_after_start(24);
    desk.walk_in("SANITATION", "NORMAL").await;
    let figures = rates(&desk).await;
    assert_eq!(
        figures["repeatComplaintRate"],
        json!({ "numerator": 1, "denominator": 2 }),
        "the second about the same building and category: {figures:#}"
    );
    // A request of another kind about the place, a month later: no repeat.
    desk.app.set_clock_hours_after_start(24 * 32);
    let other = desk.walk_in("PROPERTY_REPAIR", "NORMAL").await;
    let into = json!({ "duplicateOfId": other["id"] });
    let merged = desk
        .advance(&desk.staff, "mergeRequest", &first, into)
        .await;
    assert_eq!(merged["status"], "MERGED");
    let figures = rates(&desk).await;
    assert_eq!(
        figures["repeatComplaintRate"],
        json!({ "numerator": 0, "denominator": 3 }),
        "the first, merged away, no longer makes the second a repeat: {figures:#}"
    );
}

const HANDLING: &str = "query($area: ID!, $from: DateTime!, $to: DateTime!) {
    dashboard(areaId: $area, from: $from, to: $to) { requests {
        medianHandlingHours p90HandlingHours } } }";

/// The median and P90 of handling times are the nearest-rank ones (the value at rank
/// ceil(p × n)) on both databases: PostgreSQL's `percentile_disc` and SQLite's ranking
/// must agree with the definition, also where p × n is whole (0.9 × 70 = 63).
#[tokio::test]
async fn handling_time_percentiles_are_the_nearest_rank_ones() {
    use crate::dashboard_support::{Spec, insert, period};
    use entity::request_enums::RequestStatus;

    let app = crate::harness::TestApp::seeded(crate::harness::Fixture::Tiny).await;
    let t = app.state.clock.now();
    let mut hours: Vec<i64> = Vec::new();
    for n in [70_i64, 71] {
        // Distinct whole hours in a shuffled order (37 is prime to 70 and 71).
        while (hours.len() as i64) < n {
            let i = hours.len() as i64;
            let handled = (i * 37) % n + 1 + if n == 71 { 100 } else { 0 };
            let submitted = t - Duration::days(5) + Duration::minutes(i);
            let mut spec = Spec::waiting("SANITATION", 1, submitted);
            spec.status = RequestStatus::ClosedResolved;
            spec.resolved = Some(submitted + Duration::hours(handled));
            insert(&app, spec).await;
            hours.push(handled);
        }
        let mut sorted = hours.clone();
        sorted.sort_unstable();
        let count = sorted.len();
        let at_rank = |percent: usize| sorted[(count * percent).div_ceil(100) - 1] as f64;
        let mut variables = period(&app);
        variables["area"] = json!(gid("Community", 1));
        let body = app.data(HANDLING, variables).await;
        let figures = &body["dashboard"]["requests"];
        assert_eq!(
            figures["medianHandlingHours"],
            json!(at_rank(50)),
            "n = {count}"
        );
        assert_eq!(
            figures["p90HandlingHours"],
            json!(at_rank(90)),
            "n = {count}"
        );
    }
}
