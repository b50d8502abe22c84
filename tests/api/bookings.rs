//! Facility opening hours and bookings: hours stored and checked, bookings inside
//! them only, never two on one slot (also under parallel requests), cancellation by
//! the booker or staff, idempotent retries, and who sees which bookings.

use entity::facility as facility_row;
use entity::{audit_log, facility_booking};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, Set};
use serde_json::json;

use crate::bookings_support::{Desk, facility, local};
use crate::harness::error_code;
use crate::requests_support::gid;

#[tokio::test]
async fn opening_hours_are_stored_in_order_and_shown_on_the_facility() {
    let desk = Desk::with_hours().await;
    let query = "query($id: ID!) { facility(id: $id) { version
        openingHours { nodes { weekday opensAt closesAt } } } }";
    let data = desk.app.data(query, json!({ "id": facility() })).await;
    assert_eq!(data["facility"]["version"], 2);
    let periods = &data["facility"]["openingHours"]["nodes"];
    assert_eq!(
        periods[0],
        json!({"weekday": 2, "opensAt": "09:00", "closesAt": "12:00"})
    );
    assert_eq!(periods[1]["opensAt"], "14:00");
    let audits = audit_log::Entity::find()
        .filter(audit_log::Column::Action.eq("setFacilityOpeningHours"))
        .count(&desk.app.state.db)
        .await
        .unwrap();
    assert_eq!(audits, 1);
}

#[tokio::test]
async fn overlapping_inverted_or_malformed_opening_hours_are_bad_input() {
    let desk = Desk::open().await;
    let staff = desk.app.staff_token();
    let cases = [
        json!([{ "weekday": 3, "opensAt": "08:00", "closesAt": "12:00" },
               { "weekday": 3, "opensAt": "11:30", "closesAt": "13:00" }]),
        json!([{ "weekday": 3, "opensAt": "18:00", "closesAt": "08:00" }]),
        json!([{ "weekday": 8, "opensAt": "08:00", "closesAt": "12:00" }]),
        json!([{ "weekday": 3, "opensAt": "8:00", "closesAt": "12:00" }]),
        json!([{ "weekday": 3, "opensAt": "08:00", "closesAt": "24:30" }]),
    ];
    for periods in cases {
        let body = desk.set_hours(staff, 1, periods.clone()).await;
        assert_eq!(error_code(&body), "BAD_USER_INPUT", "{periods}");
    }
}

#[tokio::test]
async fn hours_are_set_by_staff_at_the_current_version_only() {
    let desk = Desk::with_hours().await;
    let periods = json!([{ "weekday": 1, "opensAt": "08:00", "closesAt": "12:00" }]);
    let body = desk.set_hours(&desk.resident, 2, periods.clone()).await;
    assert_eq!(error_code(&body), "FORBIDDEN");
    let body = desk.set_hours(desk.app.staff_token(), 1, periods).await;
    assert_eq!(error_code(&body), "CONFLICT");
}

#[tokio::test]
async fn a_facility_without_hours_cannot_be_booked() {
    let desk = Desk::open().await;
    // The seeded facilities all have hours; this one, registered now, has none.
    let seeded = facility_row::Entity::find_by_id(1)
        .one(&desk.app.state.db)
        .await
        .unwrap()
        .unwrap();
    let mut bare: facility_row::ActiveModel = seeded.into();
    bare.id = sea_orm::ActiveValue::NotSet;
    bare.name = Set("新建未成年人活动室".to_owned());
    let bare = bare.insert(&desk.app.state.db).await.unwrap();
    let mut slot = Desk::slot((10, 0), (11, 0));
    slot["facilityId"] = json!(gid("Facility", bare.id));
    let body = desk.book(&desk.resident, slot).await;
    assert_eq!(error_code(&body), "BAD_USER_INPUT");
    let seeded = desk
        .book(&desk.resident, Desk::slot((10, 0), (11, 0)))
        .await;
    assert!(seeded.get("errors").is_none(), "seeded hours: {seeded:#}");
}

#[tokio::test]
async fn a_resident_books_inside_the_hours_and_bookings_are_audited() {
    let desk = Desk::with_hours().await;
    let booking = desk
        .booked(&desk.resident, Desk::slot((9, 0), (12, 0)))
        .await;
    assert_eq!(booking["status"], "BOOKED");
    assert_eq!(booking["purpose"], "书法兴趣班");
    assert_eq!(booking["facility"]["id"], facility());
    let audits = audit_log::Entity::find()
        .filter(audit_log::Column::Action.eq("bookFacility"))
        .count(&desk.app.state.db)
        .await
        .unwrap();
    assert_eq!(audits, 1);
}

#[tokio::test]
async fn bookings_outside_the_hours_in_the_past_or_unnamed_are_bad_input() {
    let desk = Desk::with_hours().await;
    let mut unnamed = Desk::slot((9, 0), (10, 0));
    unnamed["purpose"] = json!("   ");
    let mut past = Desk::slot((9, 0), (10, 0));
    past["startsAt"] = json!(local(9, 9, 0));
    past["endsAt"] = json!(local(9, 10, 0));
    let cases = [
        Desk::slot((11, 0), (14, 30)),
        Desk::slot((8, 30), (9, 30)),
        Desk::slot((17, 0), (18, 1)),
        Desk::slot((10, 0), (9, 0)),
        unnamed,
        past,
    ];
    for input in cases {
        let body = desk.book(&desk.resident, input.clone()).await;
        assert_eq!(error_code(&body), "BAD_USER_INPUT", "{input}");
    }
}

#[tokio::test]
async fn an_overlapping_booking_is_conflict_and_a_touching_one_is_not() {
    let desk = Desk::with_hours().await;
    desk.booked(&desk.resident, Desk::slot((9, 0), (10, 0)))
        .await;
    let body = desk
        .book(&desk.neighbour, Desk::slot((9, 30), (10, 30)))
        .await;
    assert_eq!(error_code(&body), "CONFLICT");
    let body = desk
        .book(&desk.neighbour, Desk::slot((8, 0), (12, 0)))
        .await;
    assert_eq!(
        error_code(&body),
        "BAD_USER_INPUT",
        "outside the hours first"
    );
    desk.booked(&desk.neighbour, Desk::slot((10, 0), (11, 0)))
        .await;
}

// Several worker threads, so the server runs the requests truly at once.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn ten_parallel_requests_for_the_last_slot_have_exactly_one_winner() {
    let desk = Desk::with_hours().await;
    let staff = desk.app.staff_token();
    // Three rounds, each for one free hour, to give a missing lock its chances.
    for hour in [9, 10, 11] {
        let attempts = (0..10).map(|_| desk.book(staff, Desk::slot((hour, 0), (hour + 1, 0))));
        let bodies = futures_util::future::join_all(attempts).await;
        let won = bodies
            .iter()
            .filter(|body| body.get("errors").is_none())
            .count();
        assert_eq!(won, 1, "{bodies:#?}");
        for body in bodies.iter().filter(|body| body.get("errors").is_some()) {
            assert_eq!(error_code(body), "CONFLICT", "{body:#}");
        }
    }
    let live = facility_booking::Entity::find()
        .filter(facility_booking::Column::Status.eq("BOOKED"))
        .count(&desk.app.state.db)
        .await
        .unwrap();
    assert_eq!(live, 3);
}

#[tokio::test]
async fn a_booking_is_cancelled_by_its_booker_once_at_its_version_and_frees_the_slot() {
    let desk = Desk::with_hours().await;
    let booking = desk
        .booked(&desk.resident, Desk::slot((9, 0), (10, 0)))
        .await;
    let body = desk.cancel(&desk.neighbour, &booking, 1).await;
    assert_eq!(
        error_code(&body),
        "NOT_FOUND",
        "a neighbour does not see it"
    );
    let body = desk.cancel(&desk.resident, &booking, 2).await;
    assert_eq!(error_code(&body), "CONFLICT", "stale version");
    let body = desk.cancel(&desk.resident, &booking, 1).await;
    assert_eq!(
        body["data"]["cancelBooking"]["booking"]["status"], "CANCELLED",
        "{body:#}"
    );
    let body = desk.cancel(&desk.resident, &booking, 2).await;
    assert_eq!(error_code(&body), "CONFLICT", "cancelled already");
    desk.booked(&desk.neighbour, Desk::slot((9, 0), (10, 0)))
        .await;
}

#[tokio::test]
async fn staff_cancel_any_booking_of_their_facility() {
    let desk = Desk::with_hours().await;
    let booking = desk
        .booked(&desk.resident, Desk::slot((9, 0), (10, 0)))
        .await;
    let body = desk.cancel(desk.app.staff_token(), &booking, 1).await;
    assert_eq!(
        body["data"]["cancelBooking"]["booking"]["status"], "CANCELLED",
        "{body:#}"
    );
}

#[tokio::test]
async fn a_retried_booking_with_the_same_key_books_once() {
    let desk = Desk::with_hours().await;
    let query =
        "mutation($input: BookFacilityInput!) { bookFacility(input: $input) { booking { id } } }";
    let mut ids = Vec::new();
    for _ in 0..2 {
        let response = desk
            .app
            .client()
            .post(desk.app.url("/graphql"))
            .bearer_auth(&desk.resident)
            .header("Idempotency-Key", "book-retry-1")
            .json(&json!({ "query": query, "variables": { "input": Desk::slot((9, 0), (10, 0)) } }))
            .send()
            .await
            .unwrap();
        let body: serde_json::Value = response.json().await.unwrap();
        assert!(body.get("errors").is_none(), "{body:#}");
        ids.push(body["data"]["bookFacility"]["booking"]["id"].clone());
    }
    assert_eq!(ids[0], ids[1]);
    let rows = facility_booking::Entity::find()
        .count(&desk.app.state.db)
        .await
        .unwrap();
    assert_eq!(rows, 1);
}

#[tokio::test]
async fn residents_list_their_own_bookings_and_staff_filter_all() {
    let desk = Desk::with_hours().await;
    let mine = desk
        .booked(&desk.resident, Desk::slot((9, 0), (10, 0)))
        .await;
    let theirs = desk
        .booked(&desk.neighbour, Desk::slot((14, 0), (15, 0)))
        .await;
    let id = |booking: &serde_json::Value| booking["id"].as_str().unwrap().to_owned();
    assert_eq!(
        desk.listed(&desk.resident, json!({})).await,
        vec![id(&mine)]
    );
    let staff = desk.app.staff_token();
    assert_eq!(desk.listed(staff, json!({})).await.len(), 2);
    let afternoon = json!({ "from": local(16, 13, 0), "to": local(16, 18, 0) });
    assert_eq!(desk.listed(staff, afternoon).await, vec![id(&theirs)]);
    let elsewhere = json!({ "facilityId": gid("Facility", 6) });
    assert!(desk.listed(staff, elsewhere).await.is_empty());
    let community = json!({ "areaId": gid("Community", 1) });
    assert_eq!(desk.listed(staff, community).await.len(), 2);
    let other = json!({ "areaId": gid("Community", 2) });
    assert!(desk.listed(staff, other).await.is_empty());
    let query = "query($id: ID!) { facility(id: $id) { bookings { totalCount } } }";
    let (_, body) = desk
        .app
        .graphql_as(&desk.resident, query, json!({ "id": facility() }))
        .await;
    assert_eq!(
        body["data"]["facility"]["bookings"]["totalCount"], 1,
        "{body:#}"
    );
}
