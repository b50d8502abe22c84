//! The mediation API: a case from opening through sessions, agreement and follow-up
//! to its close, the lifecycle's refusals, versions, retries, scope and masking.

use entity::{audit_log, mediation_case};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use serde_json::{Value, json};

use crate::harness::error_code;
use crate::mediation_support::{Table, residents_of_grid};
use crate::requests_support::gid;

const CASES: &str = "query($filter: MediationCaseFilter) { mediationCases(filter: $filter) {
    totalCount nodes { id status followUpOverdue } } }";

async fn cases_seen(table: &Table, token: &str, filter: Value) -> Value {
    let (_, body) = table
        .app
        .graphql_as(token, CASES, json!({ "filter": filter }))
        .await;
    assert!(body.get("errors").is_none(), "{body:#}");
    body["data"]["mediationCases"].clone()
}

#[tokio::test]
async fn a_case_goes_from_opening_to_a_resolved_close() {
    let table = Table::open().await;
    let case = table.opened().await;
    assert_eq!(case["status"], "OPEN");
    assert_eq!(case["grid"]["id"], gid("Grid", 1));
    assert_eq!(case["community"]["id"], gid("Community", 1));
    assert_eq!(case["parties"]["totalCount"], 2);
    assert_eq!(case["parties"]["nodes"][1]["name"], "张三丰");
    let session = json!({ "heldOn": "2026-06-10", "notes": "双方到场，初步沟通" });
    let case = table
        .advance(&table.mediator, "recordMediationSession", &case, session)
        .await;
    assert_eq!(case["status"], "IN_MEDIATION");
    let agreement = json!({ "signedOn": "2026-06-12", "agreement": "楼上维修并赔偿500元" });
    let agreed = table
        .advance(
            &table.mediator,
            "recordMediationAgreement",
            &case,
            agreement,
        )
        .await;
    assert_eq!(agreed["status"], "AGREED");
    assert_eq!(agreed["sessions"]["totalCount"], 1);
    assert_eq!(agreed["followUpDue"], "2026-07-12");
    assert_eq!(agreed["followUpOverdue"], false);
    // A month and more later the follow-up is overdue, and the list finds it.
    table.app.set_clock_hours_after_start(24 * 28);
    let overdue = cases_seen(&table, &table.staff, json!({ "followUpOverdue": true })).await;
    assert_eq!(overdue["totalCount"], 1);
    assert_eq!(overdue["nodes"][0]["id"], agreed["id"]);
    assert_eq!(overdue["nodes"][0]["followUpOverdue"], true);
    let follow_up = json!({ "followedUpOn": "2026-07-13", "notes": "已维修，双方满意" });
    let followed = table
        .advance(
            &table.mediator,
            "recordMediationFollowUp",
            &agreed,
            follow_up,
        )
        .await;
    assert_eq!(followed["status"], "FOLLOWED_UP");
    assert_eq!(followed["followUpOverdue"], false);
    let outcome = json!({ "outcome": "RESOLVED", "note": "协议履行完毕" });
    let closed = table
        .advance(&table.staff, "closeMediationCase", &followed, outcome)
        .await;
    assert_eq!(closed["status"], "CLOSED");
    assert_eq!(closed["outcome"], "RESOLVED");
    let audited: Vec<String> = audit_log::Entity::find()
        .filter(audit_log::Column::Entity.eq("mediation_case"))
        .all(&table.app.state.db)
        .await
        .unwrap()
        .into_iter()
        .map(|row| row.action)
        .collect();
    let steps = [
        "openMediationCase",
        "recordMediationSession",
        "recordMediationAgreement",
        "recordMediationFollowUp",
        "closeMediationCase",
    ];
    assert_eq!(audited, steps);
}

#[tokio::test]
async fn a_case_without_agreement_closes_as_failed_or_referred_only() {
    let table = Table::open().await;
    let case = table.opened().await;
    let resolved = json!({ "outcome": "RESOLVED" });
    let refused = table
        .step(&table.staff, "closeMediationCase", &case, resolved)
        .await;
    assert_eq!(error_code(&refused), "CONFLICT", "{refused:#}");
    let referred = json!({ "outcome": "REFERRED", "note": "转交法院诉前调解" });
    let closed = table
        .advance(&table.staff, "closeMediationCase", &case, referred)
        .await;
    assert_eq!(closed["outcome"], "REFERRED");
    let session = json!({ "heldOn": "2026-06-14", "notes": "再次沟通" });
    let after = table
        .step(&table.mediator, "recordMediationSession", &closed, session)
        .await;
    assert_eq!(error_code(&after), "CONFLICT", "{after:#}");
}

#[tokio::test]
async fn steps_out_of_order_are_conflicts_and_change_nothing() {
    let table = Table::open().await;
    let case = table.opened().await;
    let agreement = json!({ "signedOn": "2026-06-12", "agreement": "赔偿" });
    let early = table
        .step(
            &table.mediator,
            "recordMediationAgreement",
            &case,
            agreement,
        )
        .await;
    assert_eq!(error_code(&early), "CONFLICT", "{early:#}");
    let follow_up = json!({ "followedUpOn": "2026-06-13", "notes": "回访" });
    let early = table
        .step(&table.mediator, "recordMediationFollowUp", &case, follow_up)
        .await;
    assert_eq!(error_code(&early), "CONFLICT", "{early:#}");
    let row = mediation_case::Entity::find()
        .one(&table.app.state.db)
        .await;
    let row = row.unwrap().unwrap();
    assert_eq!((row.version, row.agreement), (1, None));
}

#[tokio::test]
async fn a_stale_version_is_a_conflict() {
    let table = Table::open().await;
    let case = table.opened().await;
    let session = json!({ "heldOn": "2026-06-10", "notes": "第一次调解" });
    table
        .advance(
            &table.mediator,
            "recordMediationSession",
            &case,
            session.clone(),
        )
        .await;
    let stale = table
        .step(&table.mediator, "recordMediationSession", &case, session)
        .await;
    assert_eq!(error_code(&stale), "CONFLICT", "{stale:#}");
    let sessions = entity::mediation_session::Entity::find()
        .count(&table.app.state.db)
        .await
        .unwrap();
    assert_eq!(sessions, 1);
}

#[tokio::test]
async fn opening_is_idempotent_under_a_key() {
    let table = Table::open().await;
    let input = table.case_input().await;
    let query = "mutation($input: OpenMediationCaseInput!) {
        openMediationCase(input: $input) { case { id } } }";
    let send = |input: Value| {
        table
            .app
            .client()
            .post(table.app.url("/graphql"))
            .bearer_auth(&table.staff)
            .header("Idempotency-Key", "mediation-open-1")
            .json(&json!({ "query": query, "variables": { "input": input } }))
            .send()
    };
    let first: Value = send(input.clone()).await.unwrap().json().await.unwrap();
    let again: Value = send(input.clone()).await.unwrap().json().await.unwrap();
    assert!(first.get("errors").is_none(), "{first:#}");
    assert_eq!(first, again);
    let mut changed = input;
    changed["summary"] = json!("另一件事");
    let changed: Value = send(changed).await.unwrap().json().await.unwrap();
    assert_eq!(error_code(&changed), "CONFLICT", "{changed:#}");
    let cases = mediation_case::Entity::find()
        .count(&table.app.state.db)
        .await
        .unwrap();
    assert_eq!(cases, 1);
}

#[tokio::test]
async fn only_the_mediator_and_managers_step_a_case_and_only_managers_close_it() {
    let table = Table::open().await;
    let case = table.opened().await;
    let session = json!({ "heldOn": "2026-06-10", "notes": "沟通" });
    // Grid 2's worker does not see a case of grid 1: it reads as absent.
    let other = table
        .step(
            &table.other_worker,
            "recordMediationSession",
            &case,
            session.clone(),
        )
        .await;
    assert_eq!(error_code(&other), "NOT_FOUND", "{other:#}");
    // Another worker of grid 1 sees the case but does not mediate it.
    let colleague = table
        .app
        .token_for("colleague", &["GRID_WORKER:grid:1"])
        .await;
    let refused = table
        .step(&colleague, "recordMediationSession", &case, session)
        .await;
    assert_eq!(error_code(&refused), "FORBIDDEN", "{refused:#}");
    let failed = json!({ "outcome": "FAILED" });
    let refused = table
        .step(&table.mediator, "closeMediationCase", &case, failed)
        .await;
    assert_eq!(error_code(&refused), "FORBIDDEN", "{refused:#}");
}

#[tokio::test]
async fn staff_open_cases_only_where_they_manage() {
    let table = Table::open().await;
    let input = table.case_input().await;
    let neighbour = table
        .app
        .token_for("staff-c2", &["COMMUNITY_STAFF:community:2"])
        .await;
    let body = table
        .call(&neighbour, "openMediationCase", input.clone())
        .await;
    assert_eq!(error_code(&body), "NOT_FOUND", "{body:#}");
    let body = table
        .call(&table.mediator, "openMediationCase", input)
        .await;
    assert_eq!(error_code(&body), "FORBIDDEN", "{body:#}");
}

#[tokio::test]
async fn a_street_sees_major_cases_with_outsiders_masked() {
    let table = Table::open().await;
    let mut input = table.case_input().await;
    input["major"] = json!(true);
    let major = table.ok(&table.staff, "openMediationCase", input).await;
    let minor = table.opened().await;
    let street = table
        .app
        .token_for("street-m", &["STREET_ADMIN:street:1"])
        .await;
    let seen = cases_seen(&table, &street, json!({})).await;
    assert_eq!(seen["totalCount"], 1);
    assert_eq!(seen["nodes"][0]["id"], major["id"]);
    let query = "query($id: ID!) { mediationCase(id: $id) { parties { nodes { name phone } } } }";
    let (_, body) = table
        .app
        .graphql_as(&street, query, json!({ "id": major["id"] }))
        .await;
    let outsider = &body["data"]["mediationCase"]["parties"]["nodes"][1];
    assert_eq!(outsider["name"], "张**", "{body:#}");
    assert_eq!(outsider["phone"], "138****5678");
    let (_, body) = table
        .app
        .graphql_as(&street, query, json!({ "id": minor["id"] }))
        .await;
    assert_eq!(error_code(&body), "NOT_FOUND", "{body:#}");
    let close = json!({ "outcome": "FAILED" });
    let refused = table
        .step(&street, "closeMediationCase", &major, close)
        .await;
    assert_eq!(error_code(&refused), "FORBIDDEN", "{refused:#}");
}

#[tokio::test]
async fn bad_case_input_is_refused_with_nothing_written() {
    let table = Table::open().await;
    let input = table.case_input().await;
    let theirs = residents_of_grid(&table.app, 2).await[0];
    let outsider_mediator = crate::requests_support::user_id(&table.app, "mediator2").await;
    let cases: [(&str, Value); 7] = [
        ("parties", json!([input["parties"][0]])),
        ("summary", json!("   ")),
        ("areaId", json!(gid("Building", 1))),
        ("mediatorId", json!(gid("User", outsider_mediator))),
        (
            "parties",
            json!([input["parties"][0], { "residentId": gid("Resident", theirs) }]),
        ),
        (
            "parties",
            json!([input["parties"][0], { "outsider": { "name": "李四", "phone": "12345" } }]),
        ),
        ("parties", json!([input["parties"][0], input["parties"][0]])),
    ];
    for (field, value) in cases {
        let mut bad = input.clone();
        bad[field] = value.clone();
        let body = table.call(&table.staff, "openMediationCase", bad).await;
        assert_eq!(
            error_code(&body),
            "BAD_USER_INPUT",
            "{field} = {value}: {body:#}"
        );
    }
    let case = table.opened().await;
    let future = json!({ "heldOn": "2026-06-16", "notes": "明天" });
    let body = table
        .step(&table.mediator, "recordMediationSession", &case, future)
        .await;
    assert_eq!(error_code(&body), "BAD_USER_INPUT", "{body:#}");
    let agreed = table.agreed().await;
    let before = json!({ "followedUpOn": "2026-06-11", "notes": "回访" });
    let body = table
        .step(&table.mediator, "recordMediationFollowUp", &agreed, before)
        .await;
    assert_eq!(error_code(&body), "BAD_USER_INPUT", "{body:#}");
    let cases = mediation_case::Entity::find()
        .count(&table.app.state.db)
        .await
        .unwrap();
    assert_eq!(cases, 2);
}

#[tokio::test]
async fn the_demo_seeds_an_overdue_follow_up_and_a_major_case() {
    let table = Table::open().await;
    let state = &table.app.state;
    community_hub::auth::demo::create_demo_accounts(state, "demo password 1")
        .await
        .unwrap();
    let made = community_hub::seed::mediation::seed_demo_mediation(state)
        .await
        .unwrap();
    assert_eq!(made, 2);
    let query = "{ mediationCases(orderBy: ID_ASC) { nodes { status major followUpOverdue } } }";
    let body = table.app.data(query, json!({})).await;
    let nodes = &body["mediationCases"]["nodes"];
    assert_eq!(nodes[0]["status"], "AGREED");
    assert_eq!(nodes[0]["followUpOverdue"], true);
    assert_eq!(
        (&nodes[1]["status"], &nodes[1]["major"]),
        (&json!("OPEN"), &json!(true))
    );
}
