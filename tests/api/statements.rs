//! Every relation goes through a DataLoader: a six-level query costs one statement per
//! level however many rows there are. Counted by the hook on the connection.

use serde_json::{Value, json};

use crate::harness::{Fixture, TestApp};

const SIX_LEVELS: &str = "query($id: ID!, $buildings: Int, $households: Int) {
  community(id: $id) { name
    grids(first: 10) { nodes { name
      buildings(first: $buildings) { nodes { name
        units(first: 10) { nodes { name
          households(first: $households) { nodes { room
            residents(first: 3) { nodes { name age } } } } } } } } } } } }";

async fn first_community(app: &TestApp) -> Value {
    app.data("{ communities(first: 1) { nodes { id } } }", json!({}))
        .await["communities"]["nodes"][0]["id"]
        .clone()
}

/// Runs the six-level query and returns (statements, residents returned).
async fn six_levels(app: &TestApp, buildings: i32, households: i32) -> (u64, usize) {
    let id = first_community(app).await;
    let before = app.statements();
    let data = app
        .data(
            SIX_LEVELS,
            json!({ "id": id, "buildings": buildings, "households": households }),
        )
        .await;
    let statements = app.statements() - before;
    let residents = data.to_string().matches("\"age\"").count();
    (statements, residents)
}

#[tokio::test]
async fn six_level_query_costs_one_statement_per_level() {
    let app = TestApp::seeded(Fixture::Tiny).await;
    let (statements, residents) = six_levels(&app, 10, 100).await;
    assert!(residents > 50, "only {residents} residents came back");
    assert!(statements <= 6, "{statements} statements");
}

#[tokio::test]
async fn six_level_query_costs_the_same_with_ten_times_the_rows() {
    let small = TestApp::seeded(Fixture::Tiny).await;
    let (small_statements, small_residents) = six_levels(&small, 10, 100).await;
    let large = TestApp::seeded(Fixture::TinyTenfold).await;
    let (large_statements, large_residents) = six_levels(&large, 10, 100).await;
    assert!(
        large_residents >= small_residents * 8,
        "{small_residents} vs {large_residents}"
    );
    assert!(large_statements <= 6, "{large_statements} statements");
    assert_eq!(small_statements, large_statements);
}

#[tokio::test]
async fn six_level_query_at_demo_scale_stays_within_six_statements() {
    let app = TestApp::seeded(Fixture::Demo).await;
    let (statements, residents) = six_levels(&app, 8, 16).await;
    // 10 grids × 8 buildings × 4 units × 16 households, up to 3 residents each.
    assert!(residents > 5_000, "only {residents} residents came back");
    assert!(statements <= 6, "{statements} statements");
}

#[tokio::test]
async fn parents_of_a_whole_page_load_in_one_statement() {
    let app = TestApp::seeded(Fixture::Tiny).await;
    // Warm the viewer's principal cache, so only the query's own statements count.
    first_community(&app).await;
    let before = app.statements();
    app.data(
        "{ residents(first: 100) { nodes { household { unit { building { grid { community { street { district { name } } } } } } } } } }",
        json!({}),
    )
    .await;
    // One for the page, one per parent level.
    assert!(
        app.statements() - before <= 8,
        "{} statements",
        app.statements() - before
    );
}

/// Scoped statements write their path bounds as literals, so PostgreSQL may reuse
/// generic plans (its default, `auto`) instead of planning every execution
/// (bench/README.md). A request's independent statements already run at once, so the
/// sessions start no parallel workers (DB_PARALLEL_WORKERS, 0 by default).
#[tokio::test]
async fn postgres_connections_reuse_plans_and_start_no_parallel_workers() {
    use sea_orm::{ConnectionTrait, DatabaseBackend, Statement};
    let app = TestApp::spawn().await;
    let db = &app.state.db;
    if db.get_database_backend() != DatabaseBackend::Postgres {
        return;
    }
    for (setting, expected) in [
        ("plan_cache_mode", "auto"),
        ("max_parallel_workers_per_gather", "0"),
    ] {
        let row = db
            .query_one_raw(Statement::from_string(
                DatabaseBackend::Postgres,
                format!("SHOW {setting}"),
            ))
            .await
            .unwrap()
            .unwrap();
        let value: String = row.try_get("", setting).unwrap();
        assert_eq!(value, expected, "{setting}");
    }
}

/// The dashboard of bench/ (d): per-grid counters for one community.
const DASHBOARD: &str = "query($id: ID!) { community(id: $id) { name
  grids { totalCount nodes { name buildings { totalCount }
    householdCount residentCount elderlyCount } } } }";

#[tokio::test]
async fn grid_dashboard_costs_one_statement_however_many_grids() {
    let app = TestApp::seeded(Fixture::Demo).await;
    let id = first_community(&app).await;
    let before = app.statements();
    let data = app.data(DASHBOARD, json!({ "id": id })).await;
    let statements = app.statements() - before;
    let grids = data["community"]["grids"]["nodes"].as_array().unwrap();
    assert_eq!(grids.len(), 10);
    assert!(
        grids
            .iter()
            .all(|grid| grid["residentCount"].as_u64() > Some(0))
    );
    // The community with its page of grids (whose totalCount it already holds), their
    // buildings counted and every grid counter, in one statement.
    assert_eq!(statements, 1);
}

#[tokio::test]
async fn a_connection_asked_only_for_its_total_fetches_no_page() {
    let app = TestApp::seeded(Fixture::Tiny).await;
    first_community(&app).await;
    let before = app.statements();
    app.data("{ residents { totalCount } }", json!({})).await;
    assert_eq!(app.statements() - before, 1);
}

/// Without the load lock this costs 48 statements on PostgreSQL (16 loads of 2); on
/// SQLite the requests reach the database one by one, so only PostgreSQL can fail it.
#[tokio::test]
async fn concurrent_requests_of_one_account_load_its_principal_once() {
    let app = TestApp::seeded(Fixture::Tiny).await;
    let token = app
        .token_for("many.tabs", &["DISTRICT_ADMIN:district:1"])
        .await;
    let query = "{ communities(first: 1) { nodes { id } } }";
    // Warm up once to learn what one request and one principal load cost.
    let before = app.statements();
    app.graphql_as(&token, query, json!({})).await;
    let first = app.statements() - before;
    let before = app.statements();
    app.graphql_as(&token, query, json!({})).await;
    let cached = app.statements() - before;
    let load = first - cached;
    assert!(load >= 1, "the first request loaded no principal");

    let fresh = app
        .token_for("many.tabs.2", &["DISTRICT_ADMIN:district:1"])
        .await;
    let before = app.statements();
    let requests = (0..16).map(|_| app.graphql_as(&fresh, query, json!({})));
    futures_util::future::join_all(requests).await;
    assert_eq!(app.statements() - before, 16 * cached + load);
}
