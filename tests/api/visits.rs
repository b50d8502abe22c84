//! Grid workers' visits: recording them, listing them, and a finding opening a request.

use serde_json::{Value, json};

use crate::harness::error_code;
use crate::requests_support::gid;
use crate::visits_support::{Round, from_finding, households_of_grid};

const VISITS: &str = "query($filter: VisitFilter) { visits(filter: $filter) {
    totalCount nodes { id workerId findings { nodes { duty } } } } }";

async fn visits_seen(round: &Round, token: &str, filter: Value) -> Value {
    let (_, body) = round
        .app
        .graphql_as(token, VISITS, json!({ "filter": filter }))
        .await;
    assert!(body.get("errors").is_none(), "{body:#}");
    body["data"]["visits"].clone()
}

#[tokio::test]
async fn a_grid_worker_records_a_visit_with_households_and_findings() {
    let round = Round::open().await;
    let homes = households_of_grid(&round.app, 1).await;
    let findings = [
        ("COLLECT_SENTIMENT", " 楼下广场舞太吵 "),
        ("PUBLICISE_POLICY", "讲解医保缴费"),
    ];
    let recorded = round
        .recorded(round.input(&[homes[0], homes[1], homes[0]], &findings))
        .await;
    let visit = &recorded["visit"];
    assert_eq!(visit["workerId"], gid("User", round.worker_id));
    assert_eq!(visit["grid"]["id"], gid("Grid", 1));
    assert_eq!(visit["households"]["totalCount"], 2);
    assert_eq!(recorded["findings"][0]["note"], "楼下广场舞太吵");
    assert_eq!(recorded["findings"][1]["duty"], "PUBLICISE_POLICY");
    assert_eq!(recorded["findings"][0]["request"], Value::Null);
    assert_eq!(round.rows().await.0, 1);
}

#[tokio::test]
async fn visits_filter_by_area_worker_duty_and_date() {
    let round = Round::open().await;
    let homes = households_of_grid(&round.app, 1).await;
    let theirs = households_of_grid(&round.app, 2).await;
    round
        .recorded(round.input(&[homes[0]], &[("SUPERVISION", "消防通道堵塞")]))
        .await;
    let other = round
        .record(
            &round.other_worker,
            round.input(&[theirs[0]], &[("MEDIATE_DISPUTES", "邻里漏水纠纷")]),
        )
        .await;
    assert!(other.get("errors").is_none(), "{other:#}");
    let staff = round.app.staff_token().to_owned();
    let all = visits_seen(&round, &staff, json!({})).await;
    assert_eq!(all["totalCount"], 2);
    let grid = visits_seen(&round, &staff, json!({ "areaId": gid("Grid", 1) })).await;
    assert_eq!(grid["totalCount"], 1);
    let worker = json!({ "workerId": gid("User", round.worker_id) });
    assert_eq!(visits_seen(&round, &staff, worker).await["totalCount"], 1);
    let duty = json!({ "duty": "MEDIATE_DISPUTES" });
    let disputes = visits_seen(&round, &staff, duty).await;
    assert_eq!(disputes["totalCount"], 1);
    assert_eq!(
        disputes["nodes"][0]["findings"]["nodes"][0]["duty"],
        "MEDIATE_DISPUTES"
    );
    let later = (round.now() - chrono::Duration::minutes(30)).to_rfc3339();
    let before = json!({ "visitedBefore": later });
    assert_eq!(visits_seen(&round, &staff, before).await["totalCount"], 2);
    let after = json!({ "visitedFrom": later });
    assert_eq!(visits_seen(&round, &staff, after).await["totalCount"], 0);
}

#[tokio::test]
async fn a_household_lists_the_visits_that_reached_it() {
    let round = Round::open().await;
    let homes = households_of_grid(&round.app, 1).await;
    round
        .recorded(round.input(&[homes[0], homes[1]], &[]))
        .await;
    round.recorded(round.input(&[homes[0]], &[])).await;
    let query = "query($a: ID!, $b: ID!) {
        a: node(id: $a) { ... on Household { visits { totalCount nodes { visit { id } } } } }
        b: node(id: $b) { ... on Household { visits { totalCount } } } }";
    let ids = json!({ "a": gid("Household", homes[0]), "b": gid("Household", homes[1]) });
    let body = round.app.data(query, ids).await;
    assert_eq!(body["a"]["visits"]["totalCount"], 2);
    assert_eq!(body["b"]["visits"]["totalCount"], 1);
}

#[tokio::test]
async fn a_finding_opens_one_request_on_the_grid_visit_channel() {
    let round = Round::open().await;
    let homes = households_of_grid(&round.app, 1).await;
    let recorded = round
        .recorded(round.input(&[homes[2]], &[("CONVENIENCE_SERVICE", "厨房水龙头漏水")]))
        .await;
    let finding = &recorded["findings"][0];
    let body = round
        .open_request(&round.worker, from_finding(finding))
        .await;
    assert!(body.get("errors").is_none(), "{body:#}");
    let opened = &body["data"]["openRequestFromFinding"];
    assert_eq!(opened["request"]["channel"], "GRID_VISIT");
    assert_eq!(opened["request"]["status"], "SUBMITTED");
    assert_eq!(opened["request"]["description"], "厨房水龙头漏水");
    assert_eq!(
        opened["request"]["household"]["id"],
        gid("Household", homes[2])
    );
    assert_eq!(opened["finding"]["request"]["id"], opened["request"]["id"]);
    assert_eq!(opened["finding"]["version"], 2);
    assert_eq!(opened["event"]["action"], "SUBMIT");

    let again = round
        .open_request(&round.worker, from_finding(finding))
        .await;
    assert_eq!(error_code(&again), "CONFLICT");
    assert_eq!(round.rows().await.3, 1);
}

#[tokio::test]
async fn two_attempts_at_once_open_one_request() {
    let round = Round::open().await;
    let homes = households_of_grid(&round.app, 1).await;
    let recorded = round
        .recorded(round.input(&[homes[0]], &[("SUPERVISION", "电动车楼道充电")]))
        .await;
    let input = from_finding(&recorded["findings"][0]);
    let (first, second) = tokio::join!(
        round.open_request(&round.worker, input.clone()),
        round.open_request(&round.worker, input.clone()),
    );
    let mut codes: Vec<&str> = [&first, &second]
        .iter()
        .map(|body| match body.get("errors") {
            None => "OK",
            Some(_) => error_code(body),
        })
        .collect();
    codes.sort();
    assert_eq!(codes, ["CONFLICT", "OK"], "{first:#} {second:#}");
    assert_eq!(round.rows().await.3, 1);
}

#[tokio::test]
async fn a_request_from_a_finding_goes_through_the_request_intake() {
    let round = Round::open().await;
    let homes = households_of_grid(&round.app, 1).await;
    let recorded = round
        .recorded(round.input(&[homes[0]], &[("SUPERVISION", "井盖缺失")]))
        .await;
    let finding = &recorded["findings"][0];
    let mut unknown = from_finding(finding);
    unknown["categoryCode"] = json!("NO_SUCH_CATEGORY");
    let body = round.open_request(&round.worker, unknown).await;
    assert_eq!(error_code(&body), "BAD_USER_INPUT");
    let mut blank = from_finding(finding);
    blank["description"] = json!("   ");
    let body = round.open_request(&round.worker, blank).await;
    assert_eq!(error_code(&body), "BAD_USER_INPUT");
    let mut elsewhere = from_finding(finding);
    elsewhere["householdId"] = json!(gid("Household", homes[1]));
    let body = round.open_request(&round.worker, elsewhere).await;
    assert_eq!(error_code(&body), "BAD_USER_INPUT");
    assert_eq!(round.rows().await.3, 0);
    // Nothing was linked: the finding still opens its request.
    let body = round
        .open_request(&round.worker, from_finding(finding))
        .await;
    assert!(body.get("errors").is_none(), "{body:#}");
}

#[tokio::test]
async fn a_retried_record_with_the_same_key_writes_one_visit() {
    let round = Round::open().await;
    let homes = households_of_grid(&round.app, 1).await;
    let input = round.input(&[homes[0]], &[("COLLECT_SENTIMENT", "希望增设休息座椅")]);
    let query = format!(
        "mutation($input: RecordVisitInput!) {{ recordVisit(input: $input) {{ {} }} }}",
        crate::visits_support::RECORDED
    );
    let mut ids = Vec::new();
    for _ in 0..2 {
        let response = round
            .app
            .client()
            .post(round.app.url("/graphql"))
            .bearer_auth(&round.worker)
            .header("Idempotency-Key", "visit-retry-1")
            .json(&json!({ "query": query, "variables": { "input": input } }))
            .send()
            .await
            .unwrap();
        let body: Value = response.json().await.unwrap();
        assert!(body.get("errors").is_none(), "{body:#}");
        ids.push(body["data"]["recordVisit"]["visit"]["id"].clone());
    }
    assert_eq!(ids[0], ids[1]);
    assert_eq!(round.rows().await, (1, 1, 1, 0));
}

#[tokio::test]
async fn the_demo_seeds_two_visits_and_a_request_from_a_finding() {
    let round = Round::open().await;
    community_hub::auth::demo::create_demo_accounts(&round.app.state, "demo password 1")
        .await
        .unwrap();
    let made = community_hub::seed::visits::seed_demo_visits(&round.app.state)
        .await
        .unwrap();
    assert_eq!(made, 2);
    let query = "{ visits(orderBy: VISITED_AT_DESC) { totalCount nodes {
        findings { nodes { duty request { channel } } } } } }";
    let body = round.app.data(query, json!({})).await;
    assert_eq!(body["visits"]["totalCount"], 2);
    let latest = &body["visits"]["nodes"][0]["findings"]["nodes"][0];
    assert_eq!(latest["duty"], "CONVENIENCE_SERVICE");
    assert_eq!(latest["request"]["channel"], "GRID_VISIT");
}

#[tokio::test]
async fn a_retried_opening_with_the_same_key_answers_the_same_request() {
    let round = Round::open().await;
    let homes = households_of_grid(&round.app, 1).await;
    let recorded = round
        .recorded(round.input(&[homes[0]], &[("SUPERVISION", "楼顶防水层破损")]))
        .await;
    let input = from_finding(&recorded["findings"][0]);
    let query = format!(
        "mutation($input: OpenRequestFromFindingInput!) {{ openRequestFromFinding(input: $input) {{ {} }} }}",
        crate::visits_support::OPENED
    );
    let mut requests = Vec::new();
    for _ in 0..2 {
        let response = round
            .app
            .client()
            .post(round.app.url("/graphql"))
            .bearer_auth(&round.worker)
            .header("Idempotency-Key", "open-retry-1")
            .json(&json!({ "query": query, "variables": { "input": input } }))
            .send()
            .await
            .unwrap();
        let body: Value = response.json().await.unwrap();
        assert!(body.get("errors").is_none(), "{body:#}");
        requests.push(body["data"]["openRequestFromFinding"]["request"]["id"].clone());
    }
    assert_eq!(requests[0], requests[1]);
    assert_eq!(round.rows().await.3, 1);
}
