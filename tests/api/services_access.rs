//! Who sees service orders: the staff and front line over the resident, the resident's
//! household, and the assigned provider's account only while the order is open; the
//! lists, their filters and `resident.serviceOrders`.

use entity::service_enums::ProviderType;
use serde_json::json;

use crate::harness::error_code;
use crate::requests_support::gid;
use crate::services_support::{Counter, add_provider, noted, step};

#[tokio::test]
async fn a_provider_sees_its_order_only_while_it_is_open() {
    let counter = Counter::open().await;
    let provider = &counter.provider_account;
    let order = counter.approved().await;
    assert_eq!(
        error_code(&counter.read(provider, &order).await),
        "NOT_FOUND",
        "not assigned yet"
    );
    assert_eq!(counter.listed(provider).await, 0);
    let input = Counter::schedule(&order, &counter.provider, 9, 10);
    let order = counter
        .done(counter.app.staff_token(), "scheduleServiceOrder", input)
        .await;
    let body = counter.read(provider, &order).await;
    assert_eq!(
        body["data"]["serviceOrder"]["status"], "SCHEDULED",
        "{body:#}"
    );
    assert_eq!(counter.listed(provider).await, 1);
    let (other, _) = add_provider(
        &counter.app,
        "provider2",
        ProviderType::SocialOrganisation,
        "1/",
    )
    .await;
    assert_eq!(
        error_code(&counter.read(&other, &order).await),
        "NOT_FOUND",
        "another provider"
    );
    let order = counter.done(provider, "checkInService", step(&order)).await;
    let order = counter
        .done(provider, "completeService", noted(&order, "完成"))
        .await;
    // COMPLETED is still open (awaiting the resident's confirmation).
    assert_eq!(counter.listed(provider).await, 1);
    let order = counter
        .done(&counter.family, "confirmService", step(&order))
        .await;
    assert_eq!(order["status"], "CONFIRMED");
    assert_eq!(
        error_code(&counter.read(provider, &order).await),
        "NOT_FOUND",
        "closed"
    );
    assert_eq!(counter.listed(provider).await, 0);
    let body = counter
        .call(provider, "markNoShow", noted(&order, ""))
        .await;
    assert_eq!(error_code(&body), "NOT_FOUND");
    assert_eq!(
        counter.listed(&counter.family).await,
        1,
        "the household still sees it"
    );
}

#[tokio::test]
async fn orders_are_seen_over_the_resident_only() {
    let counter = Counter::open().await;
    let order = counter.approved().await;
    assert_eq!(counter.listed(&counter.worker).await, 1);
    assert_eq!(counter.listed(counter.app.staff_token()).await, 1);
    let other_grid = counter
        .app
        .token_for("worker2", &["GRID_WORKER:grid:2"])
        .await;
    let next_door = format!("RESIDENT:household:{}", counter.household + 1);
    let neighbour = counter.app.token_for("family2", &[&next_door]).await;
    for token in [&other_grid, &neighbour] {
        assert_eq!(counter.listed(token).await, 0);
        assert_eq!(error_code(&counter.read(token, &order).await), "NOT_FOUND");
        let body = counter
            .call(token, "cancelServiceOrder", noted(&order, ""))
            .await;
        assert_eq!(error_code(&body), "NOT_FOUND");
    }
    let client = counter
        .app
        .client_token("app1", &["territory:read"], |c| c)
        .await;
    assert_eq!(
        counter.listed(&client).await,
        0,
        "API clients do not read orders"
    );
    let cancelled = counter
        .done(
            &counter.family,
            "cancelServiceOrder",
            noted(&order, "住院了"),
        )
        .await;
    assert_eq!(cancelled["status"], "CANCELLED");
}

#[tokio::test]
async fn lists_filter_and_residents_show_their_orders() {
    let counter = Counter::open().await;
    let approved = counter.approved().await;
    let body = counter.order(&counter.family, counter.younger).await;
    let rejected = &body["data"]["orderService"]["serviceOrder"];
    assert_eq!(rejected["status"], "REJECTED");
    let query = "query($f: ServiceOrderFilter) { serviceOrders(first: 10, filter: $f) {
        totalCount nodes { id } } }";
    let filtered = |filter: serde_json::Value| {
        let app = &counter.app;
        async move {
            let (_, body) = app
                .graphql_as(app.staff_token(), query, json!({ "f": filter }))
                .await;
            assert!(body.get("errors").is_none(), "{body:#}");
            body["data"]["serviceOrders"]["nodes"].clone()
        }
    };
    let nodes = filtered(json!({ "statuses": ["APPROVED"] })).await;
    assert_eq!(nodes, json!([{ "id": approved["id"] }]));
    let nodes = filtered(json!({ "residentId": gid("Resident", counter.younger) })).await;
    assert_eq!(nodes, json!([{ "id": rejected["id"] }]));
    let nodes = filtered(json!({ "areaId": gid("Grid", 2) })).await;
    assert_eq!(nodes, json!([]));
    let query = "query($a: ID!, $b: ID!) {
        a: resident(id: $a) { serviceOrders(first: 5) { totalCount nodes { status } } }
        b: resident(id: $b) { serviceOrders(first: 5) { totalCount nodes { status } } } }";
    let (_, body) = counter
        .app
        .graphql_as(
            &counter.family,
            query,
            json!({ "a": gid("Resident", counter.elder), "b": gid("Resident", counter.younger) }),
        )
        .await;
    assert!(body.get("errors").is_none(), "{body:#}");
    assert_eq!(
        body["data"]["a"]["serviceOrders"]["nodes"],
        json!([{ "status": "APPROVED" }])
    );
    assert_eq!(
        body["data"]["b"]["serviceOrders"]["nodes"],
        json!([{ "status": "REJECTED" }])
    );
    let items = "{ serviceItems(first: 5, filter: { targetGroups: [ELDERLY] }) {
        nodes { code priceCents eligibility { minAge } providerTypes } } }";
    let (_, body) = counter
        .app
        .graphql_as(&counter.family, items, json!({}))
        .await;
    assert_eq!(
        body["data"]["serviceItems"]["nodes"],
        json!([{ "code": "MEAL_AID", "priceCents": 1500, "eligibility": { "minAge": 60 },
            "providerTypes": ["SOCIAL_ORGANISATION"] }]),
        "{body:#}"
    );
}

#[tokio::test]
async fn only_the_staff_register_items_and_codes_are_unique() {
    let counter = Counter::open().await;
    let body = counter
        .create_item(&counter.worker, counter.meals("MEAL_TWO"))
        .await;
    assert_eq!(error_code(&body), "FORBIDDEN");
    let body = counter
        .create_item(counter.app.staff_token(), counter.meals("MEAL_AID"))
        .await;
    assert_eq!(error_code(&body), "CONFLICT");
    let mut input = counter.meals("MEAL_THREE");
    input["providerTypes"] = json!(["VOLUNTEER_TEAM"]);
    let body = counter.create_item(counter.app.staff_token(), input).await;
    let item = body["data"]["createServiceItem"]["serviceItem"]["id"].clone();
    let order = json!({ "itemId": item, "residentId": gid("Resident", counter.elder) });
    let order = counter.done(&counter.family, "orderService", order).await;
    let order = counter
        .done(
            counter.app.staff_token(),
            "approveServiceOrder",
            step(&order),
        )
        .await;
    let body = counter
        .call(
            counter.app.staff_token(),
            "scheduleServiceOrder",
            Counter::schedule(&order, &counter.provider, 9, 10),
        )
        .await;
    assert_eq!(
        error_code(&body),
        "BAD_USER_INPUT",
        "a social organisation may not deliver it"
    );
}

#[tokio::test]
async fn the_demo_seeds_a_catalogue_and_orders_at_several_steps() {
    let app = crate::harness::TestApp::seeded(crate::harness::Fixture::Tiny).await;
    community_hub::auth::demo::create_demo_accounts(&app.state, "demo password 1")
        .await
        .unwrap();
    let made = community_hub::seed::services::seed_demo_services(&app.state)
        .await
        .unwrap();
    assert_eq!(made, 3);
    let body = app
        .data(
            "{ serviceItems(first: 10) { totalCount }
               serviceOrders(first: 10) { nodes { status orderer provider { name } } } }",
            json!({}),
        )
        .await;
    assert_eq!(body["serviceItems"]["totalCount"], 4);
    let orders = body["serviceOrders"]["nodes"].as_array().unwrap();
    assert_eq!(orders.len(), 3);
    assert_eq!(orders[0]["status"], "SCHEDULED");
    assert!(orders[0]["provider"]["name"].is_string());
    assert_eq!(orders[1]["status"], "ELIGIBILITY_CHECKED");
    assert_eq!(orders[2]["orderer"], "RESIDENT");
    let hours = "{ facilities(first: 10) { nodes { facilityType openingHours { totalCount } } } }";
    let body = app.data(hours, json!({})).await;
    for node in body["facilities"]["nodes"].as_array().unwrap() {
        let expected = if node["facilityType"] == "ELDERLY_CANTEEN" {
            14
        } else {
            11
        };
        assert_eq!(node["openingHours"]["totalCount"], expected, "{node}");
    }
}
