//! Who records and sees visits, and the input a visit is refused for: refusals write
//! nothing.

use chrono::Duration;
use serde_json::{Value, json};

use crate::harness::error_code;
use crate::visits_support::{Round, from_finding, households_of_grid};

#[tokio::test]
async fn households_out_of_the_workers_grid_are_not_found_and_nothing_is_written() {
    let round = Round::open().await;
    let mine = households_of_grid(&round.app, 1).await;
    let theirs = households_of_grid(&round.app, 2).await;
    let body = round
        .record(&round.worker, round.input(&[mine[0], theirs[0]], &[]))
        .await;
    assert_eq!(error_code(&body), "NOT_FOUND");
    let unknown = round
        .record(&round.worker, round.input(&[999_999], &[]))
        .await;
    assert_eq!(error_code(&unknown), "NOT_FOUND");
    assert_eq!(round.rows().await, (0, 0, 0, 0));
}

#[tokio::test]
async fn a_visit_in_the_future_or_with_an_empty_note_is_bad_input() {
    let round = Round::open().await;
    let homes = households_of_grid(&round.app, 1).await;
    let mut future = round.input(&[homes[0]], &[]);
    future["visitedAt"] = json!((round.now() + Duration::minutes(5)).to_rfc3339());
    let blank = round.input(&[homes[0]], &[("SUPERVISION", "  ")]);
    let nobody = round.input(&[], &[]);
    for input in [future, blank, nobody] {
        let body = round.record(&round.worker, input).await;
        assert_eq!(error_code(&body), "BAD_USER_INPUT", "{body:#}");
    }
    assert_eq!(round.rows().await, (0, 0, 0, 0));
}

#[tokio::test]
async fn one_visit_stays_in_one_grid() {
    let round = Round::open().await;
    let community = round
        .app
        .token_for("community1", &["COMMUNITY_STAFF:community:1"])
        .await;
    let one = households_of_grid(&round.app, 1).await;
    let two = households_of_grid(&round.app, 2).await;
    let body = round
        .record(&community, round.input(&[one[0], two[0]], &[]))
        .await;
    assert_eq!(error_code(&body), "BAD_USER_INPUT");
    let body = round.record(&community, round.input(&[two[0]], &[])).await;
    assert!(body.get("errors").is_none(), "{body:#}");
}

#[tokio::test]
async fn a_street_admin_reads_visits_but_does_not_record_them() {
    let round = Round::open().await;
    let homes = households_of_grid(&round.app, 1).await;
    let street = round
        .app
        .token_for("street1", &["STREET_ADMIN:street:1"])
        .await;
    let body = round.record(&street, round.input(&[homes[0]], &[])).await;
    assert_eq!(error_code(&body), "FORBIDDEN");
    assert_eq!(round.rows().await.0, 0);
    round.recorded(round.input(&[homes[0]], &[])).await;
    let (_, body) = round
        .app
        .graphql_as(&street, "{ visits { totalCount } }", json!({}))
        .await;
    assert_eq!(body["data"]["visits"]["totalCount"], 1);
}

#[tokio::test]
async fn another_grids_worker_and_a_resident_see_no_visit() {
    let round = Round::open().await;
    let homes = households_of_grid(&round.app, 1).await;
    let recorded = round
        .recorded(round.input(&[homes[0]], &[("SUPERVISION", "路灯不亮")]))
        .await;
    let visit = &recorded["visit"]["id"];
    let (resident, _) = crate::requests_support::resident_account(&round.app).await;
    for token in [&round.other_worker, &resident] {
        let (_, body) = round
            .app
            .graphql_as(token, "{ visits { totalCount } }", json!({}))
            .await;
        assert_eq!(body["data"]["visits"]["totalCount"], 0);
        let (_, body) = round
            .app
            .graphql_as(
                token,
                "query($id: ID!) { visit(id: $id) { id } }",
                json!({ "id": visit }),
            )
            .await;
        assert_eq!(error_code(&body), "NOT_FOUND");
    }
    let body = round
        .open_request(&round.other_worker, from_finding(&recorded["findings"][0]))
        .await;
    assert_eq!(error_code(&body), "NOT_FOUND");
    assert_eq!(round.rows().await.3, 0);
}

#[tokio::test]
async fn visited_households_stay_masked_for_a_masked_role() {
    let round = Round::open().await;
    let homes = households_of_grid(&round.app, 1).await;
    let recorded = round.recorded(round.input(&[homes[0]], &[])).await;
    let street = round
        .app
        .token_for("street1", &["STREET_ADMIN:street:1"])
        .await;
    let query =
        "query($id: ID!) { visit(id: $id) { households { nodes { household { room code } } } } }";
    let vars = json!({ "id": recorded["visit"]["id"] });
    let (_, masked) = round.app.graphql_as(&street, query, vars.clone()).await;
    let (_, full) = round.app.graphql_as(&round.worker, query, vars).await;
    let seen = |body: &Value| body["data"]["visit"]["households"]["nodes"][0]["household"].clone();
    assert_eq!(seen(&masked)["room"], Value::Null, "{masked:#}");
    assert!(seen(&full)["room"].is_string(), "{full:#}");
    assert_ne!(seen(&masked)["code"], seen(&full)["code"]);
}
