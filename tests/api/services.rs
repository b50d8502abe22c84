//! Service orders (一老一小): ordered for a resident and checked by the rules, moved
//! through the lifecycle by the roles each step belongs to, audited, versioned and
//! idempotent; illegal steps are CONFLICT and bad input changes nothing.

use chrono::NaiveDate;
use entity::{audit_log, service_item, service_order};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use serde_json::json;

use crate::harness::error_code;
use crate::requests_support::gid;
use crate::services_support::{Counter, noted, set_birth, step};

#[tokio::test]
async fn an_eligible_order_runs_its_whole_lifecycle_to_settled() {
    let counter = Counter::open().await;
    let order = counter.scheduled().await;
    assert_eq!(order["status"], "SCHEDULED");
    assert_eq!(order["provider"]["id"], counter.provider);
    let staff = counter.app.staff_token();
    let provider = &counter.provider_account;
    let order = counter.done(provider, "checkInService", step(&order)).await;
    assert_eq!(order["status"], "IN_SERVICE");
    assert_eq!(order["checkedInAt"], "2026-06-15T04:00:00+00:00");
    let order = counter
        .done(
            provider,
            "completeService",
            noted(&order, "送餐到家，老人状态良好"),
        )
        .await;
    assert_eq!(order["status"], "COMPLETED");
    assert_eq!(order["notes"], "送餐到家，老人状态良好");
    let mut input = step(&order);
    input["rating"] = json!(5);
    let order = counter.done(&counter.family, "confirmService", input).await;
    assert_eq!(
        (order["status"].as_str(), order["rating"].as_i64()),
        (Some("CONFIRMED"), Some(5))
    );
    let order = counter
        .done(staff, "settleServiceOrder", step(&order))
        .await;
    assert_eq!(order["status"], "SETTLED");
    assert_eq!(order["priceCents"], 1500);
    assert_eq!(order["subsidyCents"], 500);
    for action in [
        "orderService",
        "approveServiceOrder",
        "scheduleServiceOrder",
        "checkInService",
        "completeService",
        "confirmService",
        "settleServiceOrder",
    ] {
        let audits = audit_log::Entity::find()
            .filter(audit_log::Column::Action.eq(action))
            .count(&counter.app.state.db)
            .await
            .unwrap();
        assert_eq!(audits, 1, "{action}");
    }
}

#[tokio::test]
async fn eligibility_is_decided_by_the_rules_on_the_shanghai_date() {
    let counter = Counter::open().await;
    // The test clock is 2026-06-15 12:00 in Shanghai: born 1966-06-16 is still 59.
    set_birth(
        &counter.app,
        counter.younger,
        NaiveDate::from_ymd_opt(1966, 6, 16).unwrap(),
    )
    .await;
    let body = counter.order(&counter.family, counter.younger).await;
    let order = &body["data"]["orderService"]["serviceOrder"];
    assert_eq!(order["status"], "REJECTED", "{body:#}");
    assert_eq!(order["reason"], "the item is for residents of 60 and over");
    assert_eq!(order["orderer"], "FAMILY");
    set_birth(
        &counter.app,
        counter.younger,
        NaiveDate::from_ymd_opt(1966, 6, 15).unwrap(),
    )
    .await;
    let body = counter.order(&counter.worker, counter.younger).await;
    let order = &body["data"]["orderService"]["serviceOrder"];
    assert_eq!(order["status"], "ELIGIBILITY_CHECKED", "{body:#}");
    assert_eq!(order["orderer"], "GRID_WORKER");
    let approved = counter
        .done(
            counter.app.staff_token(),
            "approveServiceOrder",
            step(order),
        )
        .await;
    assert_eq!(approved["status"], "APPROVED");
}

#[tokio::test]
async fn a_living_alone_rule_reads_the_care_profile() {
    let counter = Counter::open().await;
    let mut input = counter.meals("LONE_VISIT");
    input["requiresLivingAlone"] = json!(true);
    let body = counter.create_item(counter.app.staff_token(), input).await;
    let item = body["data"]["createServiceItem"]["serviceItem"]["id"].clone();
    let order = json!({ "itemId": item, "residentId": gid("Resident", counter.elder) });
    let body = counter
        .call(&counter.family, "orderService", order.clone())
        .await;
    let first = &body["data"]["orderService"]["serviceOrder"];
    assert_eq!(first["status"], "REJECTED", "{body:#}");
    assert_eq!(first["reason"], "the item is for residents living alone");
    let profile = json!({ "residentId": gid("Resident", counter.elder),
        "elderly": { "livingArrangement": "LIVING_ALONE" } });
    let (_, body) = counter
        .app
        .graphql_as(
            &counter.worker,
            "mutation($input: UpsertCareProfileInput!) { upsertCareProfile(input: $input) { careProfile { id } } }",
            json!({ "input": profile }),
        )
        .await;
    assert!(body.get("errors").is_none(), "{body:#}");
    let body = counter.call(&counter.family, "orderService", order).await;
    assert_eq!(
        body["data"]["orderService"]["serviceOrder"]["status"], "ELIGIBILITY_CHECKED",
        "{body:#}"
    );
}

#[tokio::test]
async fn illegal_and_stale_steps_are_conflicts_that_change_nothing() {
    let counter = Counter::open().await;
    let staff = counter.app.staff_token();
    let order = counter.approved().await;
    let again = counter
        .call(staff, "approveServiceOrder", step(&order))
        .await;
    assert_eq!(error_code(&again), "CONFLICT", "approved twice");
    let early = counter.call(staff, "checkInService", step(&order)).await;
    assert_eq!(error_code(&early), "CONFLICT", "check-in before scheduling");
    let mut stale = Counter::schedule(&order, &counter.provider, 9, 10);
    stale["version"] = json!(1);
    let body = counter.call(staff, "scheduleServiceOrder", stale).await;
    assert_eq!(error_code(&body), "CONFLICT", "stale version");
    let input = Counter::schedule(&order, &counter.provider, 9, 10);
    let order = counter.done(staff, "scheduleServiceOrder", input).await;
    let order = counter
        .done(&counter.provider_account, "checkInService", step(&order))
        .await;
    let late = counter
        .call(
            &counter.family,
            "cancelServiceOrder",
            noted(&order, "不需要了"),
        )
        .await;
    assert_eq!(error_code(&late), "CONFLICT", "too late to cancel");
    let missed = counter
        .call(staff, "markNoShow", noted(&order, "无人应门"))
        .await;
    assert_eq!(error_code(&missed), "CONFLICT", "no-show once in service");
    let stored = service_order::Entity::find()
        .one(&counter.app.state.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(stored.status, entity::service_enums::OrderStatus::InService);
    assert_eq!(stored.version, order["version"].as_i64().unwrap() as i32);
}

#[tokio::test]
async fn each_step_belongs_to_its_roles() {
    let counter = Counter::open().await;
    let body = counter.order(&counter.family, counter.elder).await;
    let order = body["data"]["orderService"]["serviceOrder"].clone();
    let by_family = counter
        .call(&counter.family, "approveServiceOrder", step(&order))
        .await;
    assert_eq!(error_code(&by_family), "FORBIDDEN");
    let by_worker = counter
        .call(&counter.worker, "approveServiceOrder", step(&order))
        .await;
    assert_eq!(error_code(&by_worker), "FORBIDDEN");
    let order = counter.approved().await;
    let by_worker = counter
        .call(
            &counter.worker,
            "scheduleServiceOrder",
            Counter::schedule(&order, &counter.provider, 9, 10),
        )
        .await;
    assert_eq!(error_code(&by_worker), "FORBIDDEN");
    let order = counter
        .done(
            counter.app.staff_token(),
            "scheduleServiceOrder",
            Counter::schedule(&order, &counter.provider, 9, 10),
        )
        .await;
    let by_family = counter
        .call(&counter.family, "checkInService", step(&order))
        .await;
    assert_eq!(error_code(&by_family), "FORBIDDEN");
    let order = counter
        .done(&counter.provider_account, "checkInService", step(&order))
        .await;
    let order = counter
        .done(
            &counter.provider_account,
            "completeService",
            noted(&order, ""),
        )
        .await;
    let by_provider = counter
        .call(&counter.provider_account, "confirmService", step(&order))
        .await;
    assert_eq!(error_code(&by_provider), "FORBIDDEN");
    let disputed = counter
        .done(
            &counter.family,
            "disputeService",
            noted(&order, "饭菜是凉的"),
        )
        .await;
    assert_eq!(
        (disputed["status"].as_str(), disputed["reason"].as_str()),
        (Some("DISPUTED"), Some("饭菜是凉的"))
    );
}

#[tokio::test]
async fn ordering_for_a_resident_out_of_scope_is_not_found_and_writes_nothing() {
    let counter = Counter::open().await;
    let other_grid = counter
        .app
        .token_for("worker2", &["GRID_WORKER:grid:2"])
        .await;
    let next_door = format!("RESIDENT:household:{}", counter.household + 1);
    let neighbour = counter.app.token_for("family2", &[&next_door]).await;
    for token in [&other_grid, &neighbour, &counter.provider_account] {
        let body = counter.order(token, counter.elder).await;
        assert_eq!(error_code(&body), "NOT_FOUND", "{body:#}");
    }
    let admin = counter
        .app
        .token_for("admin1", &["STREET_ADMIN:street:1"])
        .await;
    let body = counter.order(&admin, counter.elder).await;
    assert_eq!(
        error_code(&body),
        "FORBIDDEN",
        "admins run services, they do not order"
    );
    assert_eq!(counter.orders_stored().await, 0);
}

#[tokio::test]
async fn bad_input_is_refused_and_changes_nothing() {
    let counter = Counter::open().await;
    let staff = counter.app.staff_token();
    for (field, value) in [
        ("priceCents", -1),
        ("subsidyCents", -5),
        ("subsidyCents", 1501),
    ] {
        let mut input = counter.meals("BAD_PRICE");
        input[field] = json!(value);
        let body = counter.create_item(staff, input).await;
        assert_eq!(error_code(&body), "BAD_USER_INPUT", "{field} {value}");
    }
    let items = service_item::Entity::find()
        .count(&counter.app.state.db)
        .await
        .unwrap();
    assert_eq!(items, 1, "only the fixture's item");
    let order = counter.approved().await;
    for (from, to) in [(10, 9), (9, 9), (1, 12)] {
        let body = counter
            .call(
                staff,
                "scheduleServiceOrder",
                Counter::schedule(&order, &counter.provider, from, to),
            )
            .await;
        assert_eq!(error_code(&body), "BAD_USER_INPUT", "{from}–{to}");
    }
    let mut past = Counter::schedule(&order, &counter.provider, 9, 10);
    past["startsAt"] = json!("2026-06-14T01:00:00+00:00");
    past["endsAt"] = json!("2026-06-14T02:00:00+00:00");
    let body = counter.call(staff, "scheduleServiceOrder", past).await;
    assert_eq!(error_code(&body), "BAD_USER_INPUT", "in the past");
    let input = Counter::schedule(&order, &counter.provider, 9, 10);
    let order = counter.done(staff, "scheduleServiceOrder", input).await;
    let order = counter
        .done(&counter.provider_account, "checkInService", step(&order))
        .await;
    let order = counter
        .done(
            &counter.provider_account,
            "completeService",
            noted(&order, ""),
        )
        .await;
    for rating in [0, 6] {
        let mut input = step(&order);
        input["rating"] = json!(rating);
        let body = counter.call(&counter.family, "confirmService", input).await;
        assert_eq!(error_code(&body), "BAD_USER_INPUT", "rating {rating}");
    }
    let body = counter
        .call(&counter.family, "disputeService", step(&order))
        .await;
    assert_eq!(
        error_code(&body),
        "BAD_USER_INPUT",
        "a dispute needs a reason"
    );
    let order = counter
        .done(&counter.family, "confirmService", step(&order))
        .await;
    let mut rate = step(&order);
    rate["rating"] = json!(9);
    let body = counter
        .call(&counter.family, "rateService", rate.clone())
        .await;
    assert_eq!(error_code(&body), "BAD_USER_INPUT");
    rate["rating"] = json!(4);
    let rated = counter
        .done(&counter.family, "rateService", rate.clone())
        .await;
    assert_eq!(rated["rating"], 4);
    rate["version"] = rated["version"].clone();
    let twice = counter.call(&counter.family, "rateService", rate).await;
    assert_eq!(error_code(&twice), "CONFLICT", "rated once");
}

#[tokio::test]
async fn a_provider_is_not_booked_twice_for_one_time() {
    let counter = Counter::open().await;
    let staff = counter.app.staff_token();
    let first = counter.approved().await;
    let second = counter.approved().await;
    counter
        .done(
            staff,
            "scheduleServiceOrder",
            Counter::schedule(&first, &counter.provider, 9, 11),
        )
        .await;
    let clash = counter
        .call(
            staff,
            "scheduleServiceOrder",
            Counter::schedule(&second, &counter.provider, 10, 12),
        )
        .await;
    assert_eq!(error_code(&clash), "CONFLICT");
    let after = counter
        .done(
            staff,
            "scheduleServiceOrder",
            Counter::schedule(&second, &counter.provider, 11, 12),
        )
        .await;
    assert_eq!(after["status"], "SCHEDULED", "back to back is fine");
}

#[tokio::test]
async fn two_schedules_of_one_provider_at_once_book_it_once() {
    let counter = Counter::open().await;
    let staff = counter.app.staff_token();
    let first = counter.approved().await;
    let second = counter.approved().await;
    let (a, b) = tokio::join!(
        counter.call(
            staff,
            "scheduleServiceOrder",
            Counter::schedule(&first, &counter.provider, 9, 11)
        ),
        counter.call(
            staff,
            "scheduleServiceOrder",
            Counter::schedule(&second, &counter.provider, 10, 12)
        ),
    );
    let failed: Vec<_> = [&a, &b]
        .into_iter()
        .filter(|body| body.get("errors").is_some())
        .collect();
    assert_eq!(failed.len(), 1, "{a:#} {b:#}");
    assert_eq!(error_code(failed[0]), "CONFLICT");
}

#[tokio::test]
async fn a_retried_order_with_the_same_key_orders_once() {
    let counter = Counter::open().await;
    let query = "mutation($input: OrderServiceInput!) { orderService(input: $input) { serviceOrder { id } } }";
    let input = json!({ "itemId": counter.item, "residentId": gid("Resident", counter.elder) });
    let mut ids = Vec::new();
    for _ in 0..2 {
        let response = counter
            .app
            .client()
            .post(counter.app.url("/graphql"))
            .bearer_auth(&counter.family)
            .header("Idempotency-Key", "order-meals-1")
            .json(&json!({ "query": query, "variables": { "input": input } }))
            .send()
            .await
            .unwrap();
        let body: serde_json::Value = response.json().await.unwrap();
        assert!(body.get("errors").is_none(), "{body:#}");
        ids.push(body["data"]["orderService"]["serviceOrder"]["id"].clone());
    }
    assert_eq!(ids[0], ids[1]);
    assert_eq!(counter.orders_stored().await, 1);
}
