//! Scoping: which rows each viewer reaches, as a viewer × resource matrix on the Tiny
//! fixture. A grant reaches its area's subtree; the ancestors of the granted area are
//! visible as context but none of their other children; residents are reached by every
//! role except CO_BUILDING_CONTACT and SERVICE_PROVIDER; out of scope answers exactly
//! like non-existent; anonymous callers reach nothing.
//!
//! Expectations come from a district-wide administrator: the whole tree, each row with
//! the ids of its ancestors, read over GraphQL once per test.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{Value, json};

use crate::harness::{Fixture, TestApp, error_code};

const ADMIN_GRANT: &str = "DISTRICT_ADMIN:district:1";
/// A database id no row of the Tiny fixture has.
const MISSING: i32 = 999_999;

fn gid(kind: &str, id: i32) -> String {
    use base64::Engine;
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(format!("{kind}:{id}"))
}

/// The levels of the territory, top down (the derived order is the tree order).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Level {
    District,
    Street,
    Community,
    Grid,
    Building,
    Unit,
    Household,
    Resident,
}

impl Level {
    const ALL: [Level; 8] = [
        Level::District,
        Level::Street,
        Level::Community,
        Level::Grid,
        Level::Building,
        Level::Unit,
        Level::Household,
        Level::Resident,
    ];
    /// The levels with a root list (there is no root `units`).
    const LISTED: [Level; 6] = [
        Level::Street,
        Level::Community,
        Level::Grid,
        Level::Building,
        Level::Household,
        Level::Resident,
    ];

    /// The GraphQL type name.
    fn name(self) -> &'static str {
        match self {
            Level::District => "District",
            Level::Street => "Street",
            Level::Community => "Community",
            Level::Grid => "Grid",
            Level::Building => "Building",
            Level::Unit => "Unit",
            Level::Household => "Household",
            Level::Resident => "Resident",
        }
    }

    /// The root look-up field, also the field naming the parent on a child.
    fn field(self) -> &'static str {
        match self {
            Level::District => "district",
            Level::Street => "street",
            Level::Community => "community",
            Level::Grid => "grid",
            Level::Building => "building",
            Level::Unit => "unit",
            Level::Household => "household",
            Level::Resident => "resident",
        }
    }

    /// The list field of this type (root, or on its parent).
    fn list(self) -> &'static str {
        match self {
            Level::District => "districts",
            Level::Street => "streets",
            Level::Community => "communities",
            Level::Grid => "grids",
            Level::Building => "buildings",
            Level::Unit => "units",
            Level::Household => "households",
            Level::Resident => "residents",
        }
    }

    fn parent(self) -> Option<Level> {
        Level::ALL
            .iter()
            .position(|level| *level == self)
            .and_then(|i| i.checked_sub(1))
            .map(|i| Level::ALL[i])
    }

    fn child(self) -> Option<Level> {
        Level::ALL
            .iter()
            .position(|level| *level == self)
            .and_then(|i| Level::ALL.get(i + 1).copied())
    }

    fn of(id: &str) -> Level {
        use base64::Engine;
        let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
            .decode(id)
            .unwrap_or_else(|_| panic!("not a global id: {id}"));
        let text = String::from_utf8(bytes).unwrap();
        let name = text.split_once(':').unwrap().0;
        Level::ALL
            .into_iter()
            .find(|level| level.name() == name)
            .unwrap_or_else(|| panic!("not a territory id: {text}"))
    }
}

/// `id` of a row and of every row above it, as nested selections.
fn chain(level: Level) -> String {
    match level.parent() {
        None => "id".to_owned(),
        Some(parent) => format!("id {} {{ {} }}", parent.field(), chain(parent)),
    }
}

/// The ids of a `chain` selection, the row's own first and the district's last; a
/// parent answered `null` ends it early.
fn chain_ids(node: &Value) -> Vec<String> {
    let mut ids = Vec::new();
    let mut current = node;
    while let Some(object) = current.as_object() {
        ids.push(object["id"].as_str().expect("an id").to_owned());
        current = object
            .values()
            .find(|value| value.is_object())
            .unwrap_or(&Value::Null);
    }
    ids
}

/// POSTs as `token`; the status must be 200 whatever the answer.
async fn ask(app: &TestApp, token: &str, query: &str, variables: Value) -> Value {
    let (status, body) = app.graphql_as(token, query, variables).await;
    assert_eq!(status, 200, "{query}: {body:#}");
    body
}

/// `data` of an answer that must have no errors.
async fn data(app: &TestApp, token: &str, query: &str, variables: Value) -> Value {
    let body = ask(app, token, query, variables).await;
    assert!(body.get("errors").is_none(), "{query}: {body:#}");
    body["data"].clone()
}

/// Every node of a root list, page after page, with the list's `totalCount`.
async fn list_all(
    app: &TestApp,
    token: &str,
    level: Level,
    filter: Value,
) -> Result<(u64, Vec<Value>), Value> {
    let query = format!(
        "query($after: String, $filter: {}Filter) {{ {}(first: 100, after: $after, filter: $filter) {{
            totalCount pageInfo {{ hasNextPage endCursor }} nodes {{ {} }} }} }}",
        level.name(),
        level.list(),
        chain(level)
    );
    let mut after = Value::Null;
    let mut nodes = Vec::new();
    loop {
        let body = ask(
            app,
            token,
            &query,
            json!({ "after": after, "filter": filter }),
        )
        .await;
        if body.get("errors").is_some() {
            return Err(body);
        }
        let connection = &body["data"][level.list()];
        nodes.extend(connection["nodes"].as_array().unwrap().iter().cloned());
        if connection["pageInfo"]["hasNextPage"] != true {
            let total = connection["totalCount"].as_u64().unwrap();
            return Ok((total, nodes));
        }
        after = connection["pageInfo"]["endCursor"].clone();
    }
}

/// `totalCount` of a root list under `filter`.
async fn count(app: &TestApp, token: &str, level: Level, filter: Value) -> Result<u64, Value> {
    let query = format!(
        "query($filter: {}Filter) {{ {}(filter: $filter) {{ totalCount }} }}",
        level.name(),
        level.list()
    );
    let body = ask(app, token, &query, json!({ "filter": filter })).await;
    match body["data"][level.list()]["totalCount"].as_u64() {
        Some(total) if body.get("errors").is_none() => Ok(total),
        _ => Err(body),
    }
}

/// One row of the territory, with the ids above it.
#[derive(Debug)]
struct Row {
    level: Level,
    /// Own id first, the district's last.
    chain: Vec<String>,
}

impl Row {
    fn id(&self) -> &str {
        &self.chain[0]
    }
    fn parent(&self) -> Option<&str> {
        self.chain.get(1).map(String::as_str)
    }
    fn is_under(&self, area: &str) -> bool {
        self.chain.iter().any(|id| id == area)
    }
}

/// The whole territory as a district administrator reads it.
struct Tree {
    rows: Vec<Row>,
    by_id: BTreeMap<String, usize>,
}

impl Tree {
    async fn load(app: &TestApp, admin: &str) -> Tree {
        let mut rows = Vec::new();
        for level in Level::ALL {
            let nodes = if level == Level::Unit {
                let query = format!(
                    "{{ buildings(first: 100) {{ pageInfo {{ hasNextPage }}
                        nodes {{ units(first: 100) {{ pageInfo {{ hasNextPage }} nodes {{ {} }} }} }} }} }}",
                    chain(Level::Unit)
                );
                let data = data(app, admin, &query, json!({})).await;
                assert_eq!(data["buildings"]["pageInfo"]["hasNextPage"], false);
                let buildings = data["buildings"]["nodes"].as_array().unwrap();
                buildings
                    .iter()
                    .flat_map(|building| {
                        assert_eq!(building["units"]["pageInfo"]["hasNextPage"], false);
                        building["units"]["nodes"].as_array().unwrap().clone()
                    })
                    .collect()
            } else {
                let (total, nodes) = list_all(app, admin, level, Value::Null)
                    .await
                    .unwrap_or_else(|body| panic!("admin lists {level:?}: {body:#}"));
                assert_eq!(total as usize, nodes.len(), "{level:?}");
                nodes
            };
            for node in nodes {
                let chain = chain_ids(&node);
                assert_eq!(
                    chain.len(),
                    level as usize + 1,
                    "the admin sees every ancestor of {node}"
                );
                rows.push(Row { level, chain });
            }
        }
        let by_id = rows
            .iter()
            .enumerate()
            .map(|(i, row)| (row.id().to_owned(), i))
            .collect();
        Tree { rows, by_id }
    }

    fn row(&self, id: &str) -> &Row {
        &self.rows[self.by_id[id]]
    }

    fn of_level(&self, level: Level) -> impl Iterator<Item = &Row> {
        self.rows.iter().filter(move |row| row.level == level)
    }

    fn children(&self, parent: &str) -> impl Iterator<Item = &Row> {
        self.rows
            .iter()
            .filter(move |row| row.parent() == Some(parent))
    }
}

/// A viewer of the matrix: its grants, and what the policy says it reaches.
struct Who {
    user: &'static str,
    grants: Vec<&'static str>,
    /// Global ids of the granted areas.
    areas: Vec<String>,
    sees_residents: bool,
}

impl Who {
    fn new(user: &'static str, grants: &[&'static str]) -> Who {
        let areas = grants
            .iter()
            .map(|grant| {
                let mut parts = grant.split(':');
                let (_, kind, id) = (parts.next(), parts.next().unwrap(), parts.next().unwrap());
                let level = Level::ALL
                    .into_iter()
                    .find(|level| level.field() == kind)
                    .unwrap();
                gid(level.name(), id.parse().unwrap())
            })
            .collect();
        let sees_residents = grants.iter().any(|grant| {
            !grant.starts_with("CO_BUILDING_CONTACT:") && !grant.starts_with("SERVICE_PROVIDER:")
        });
        Who {
            user,
            grants: grants.to_vec(),
            areas,
            sees_residents,
        }
    }

    fn name(&self) -> String {
        self.grants.join("+")
    }

    async fn token(&self, app: &TestApp) -> String {
        app.token_for(self.user, &self.grants).await
    }

    /// In a granted subtree (residents only for roles that reach them).
    fn in_subtree(&self, row: &Row) -> bool {
        (row.level != Level::Resident || self.sees_residents)
            && self.areas.iter().any(|area| row.is_under(area))
    }

    /// A strict ancestor of a granted area: visible as context.
    fn is_context(&self, tree: &Tree, row: &Row) -> bool {
        self.areas
            .iter()
            .any(|area| tree.row(area).chain[1..].iter().any(|id| id == row.id()))
    }

    fn reaches(&self, tree: &Tree, row: &Row) -> bool {
        self.in_subtree(row) || self.is_context(tree, row)
    }
}

/// The single-grant viewers of the matrix.
fn matrix() -> Vec<Who> {
    vec![
        Who::new("district.admin", &["DISTRICT_ADMIN:district:1"]),
        Who::new("street.admin", &["STREET_ADMIN:street:1"]),
        Who::new("community.staff", &["COMMUNITY_STAFF:community:1"]),
        Who::new("grid.worker", &["GRID_WORKER:grid:1"]),
        Who::new("building.leader", &["BUILDING_LEADER:building:1"]),
        Who::new("resident", &["RESIDENT:household:1"]),
        Who::new("service.provider", &["SERVICE_PROVIDER:community:1"]),
    ]
}

/// Asserts a batch of failures is empty, listing them all.
fn assert_none(failures: &[String]) {
    assert!(
        failures.is_empty(),
        "{} failing cell(s):\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[tokio::test]
async fn the_fixture_ids_are_the_ones_the_matrix_assumes() {
    let app = TestApp::seeded(Fixture::Tiny).await;
    let admin = app.token_for("admin", &[ADMIN_GRANT]).await;
    let tree = Tree::load(&app, &admin).await;
    let parent = |level: &str, id: i32| tree.row(&gid(level, id)).parent().map(str::to_owned);
    assert_eq!(parent("Street", 1), Some(gid("District", 1)));
    assert_eq!(parent("Community", 2), Some(gid("Street", 1)));
    assert_eq!(parent("Community", 3), Some(gid("Street", 2)));
    assert_eq!(parent("Grid", 2), Some(gid("Community", 1)));
    assert_eq!(parent("Grid", 4), Some(gid("Community", 2)));
    assert_eq!(parent("Building", 2), Some(gid("Grid", 1)));
    assert_eq!(parent("Unit", 2), Some(gid("Building", 1)));
    assert_eq!(parent("Household", 3), Some(gid("Unit", 1)));
    let counts: Vec<usize> = Level::ALL[..7]
        .iter()
        .map(|level| tree.of_level(*level).count())
        .collect();
    assert_eq!(counts, [1, 2, 4, 12, 24, 48, 144]);
    assert!(tree.children(&gid("Household", 1)).count() > 0);
}

#[tokio::test]
async fn root_lists_count_and_return_exactly_the_rows_each_viewer_reaches() {
    let app = TestApp::seeded(Fixture::Tiny).await;
    let admin = app.token_for("admin", &[ADMIN_GRANT]).await;
    let tree = Tree::load(&app, &admin).await;
    let mut failures = Vec::new();
    for who in matrix() {
        let token = who.token(&app).await;
        let area = &who.areas[0];
        let granted = Level::of(area);
        for level in Level::LISTED {
            let cell = format!("{} × {}", who.name(), level.list());
            // What the subtree holds, by the administrator's area filter…
            let under = count(&app, &admin, level, json!({ "areaId": area }))
                .await
                .unwrap_or_else(|body| panic!("{cell}: admin count: {body:#}"));
            let walked = tree
                .of_level(level)
                .filter(|row| row.is_under(area))
                .count();
            assert_eq!(under as usize, walked, "{cell}: filter and tree disagree");
            // …plus the one ancestor of that level, shown as context.
            let expected = match level {
                Level::Resident if !who.sees_residents => 0,
                _ if level < granted => under + 1,
                _ => under,
            };
            let (total, nodes) = match list_all(&app, &token, level, Value::Null).await {
                Ok(answer) => answer,
                Err(body) => {
                    failures.push(format!("{cell}: errors {body}"));
                    continue;
                }
            };
            if total != expected {
                failures.push(format!("{cell}: totalCount {total}, expected {expected}"));
            }
            if nodes.len() as u64 != total {
                failures.push(format!("{cell}: {} nodes, totalCount {total}", nodes.len()));
            }
            for node in &nodes {
                let ids = chain_ids(node);
                let complete = ids.len() == level as usize + 1;
                let row = tree.row(&ids[0]);
                if !complete || ids != row.chain {
                    failures.push(format!("{cell}: broken ancestry {node}"));
                }
                if !who.reaches(&tree, row) {
                    failures.push(format!("{cell}: out-of-scope row {node}"));
                }
            }
        }
    }
    assert_none(&failures);
}

/// `field(id)` and `node(id)` of a row; (found id, error code, whole body).
async fn look_up(
    app: &TestApp,
    token: &str,
    level: Level,
    id: &str,
) -> [(Option<String>, Option<String>, Value); 2] {
    let mut answers = Vec::new();
    for field in [level.field(), "node"] {
        let query = format!("query($id: ID!) {{ {field}(id: $id) {{ id }} }}");
        let body = ask(app, token, &query, json!({ "id": id })).await;
        let found = body["data"][field]["id"].as_str().map(str::to_owned);
        let code = body["errors"][0]["extensions"]["code"]
            .as_str()
            .map(str::to_owned);
        answers.push((found, code, body));
    }
    answers.try_into().unwrap()
}

#[tokio::test]
async fn look_ups_and_node_find_rows_in_scope_and_context_and_treat_the_rest_as_missing() {
    let app = TestApp::seeded(Fixture::Tiny).await;
    let admin = app.token_for("admin", &[ADMIN_GRANT]).await;
    let tree = Tree::load(&app, &admin).await;
    let mut failures = Vec::new();
    let mut out_of_scope_cells = 0;
    for who in matrix() {
        let token = who.token(&app).await;
        let area = &who.areas[0];
        for level in Level::ALL {
            let nonexistent = look_up(&app, &token, level, &gid(level.name(), MISSING)).await;
            // A reachable row (the ancestor above the grant, else the subtree's first);
            // residents of the subtree also for roles that may not reach them.
            let in_scope = tree
                .of_level(level)
                .find(|row| who.reaches(&tree, row) || row.is_under(area));
            let out_of_scope = tree
                .of_level(level)
                .find(|row| !row.is_under(area) && !who.is_context(&tree, row));
            if level == Level::District {
                assert!(out_of_scope.is_none(), "one district, above every grant");
            }
            for (row, visible) in [
                in_scope.map(|row| (row, who.reaches(&tree, row))),
                out_of_scope.map(|row| (row, false)),
            ]
            .into_iter()
            .flatten()
            {
                if !visible {
                    out_of_scope_cells += 1;
                }
                let answers = look_up(&app, &token, level, row.id()).await;
                for (i, (found, code, body)) in answers.iter().enumerate() {
                    let field = if i == 0 { level.field() } else { "node" };
                    let cell = format!("{} × {field}({:?} {})", who.name(), level, row.id());
                    if visible {
                        if found.as_deref() != Some(row.id()) || code.is_some() {
                            failures.push(format!("{cell}: expected the row, got {body}"));
                        }
                    } else if found.is_some()
                        || code.as_deref() != Some("NOT_FOUND")
                        || !body["data"][field].is_null()
                    {
                        failures.push(format!("{cell}: expected null + NOT_FOUND, got {body}"));
                    } else if body != &nonexistent[i].2 {
                        failures.push(format!(
                            "{cell}: answers unlike a missing id: {body} vs {}",
                            nonexistent[i].2
                        ));
                    }
                }
            }
        }
    }
    assert!(out_of_scope_cells > 30, "{out_of_scope_cells}");
    assert_none(&failures);
}

/// POSTs as `token` and returns the raw body bytes.
async fn raw(app: &TestApp, token: &str, query: &str, variables: Value) -> (u16, Vec<u8>) {
    let response = reqwest::Client::new()
        .post(app.url("/graphql"))
        .bearer_auth(token)
        .json(&json!({ "query": query, "variables": variables }))
        .send()
        .await
        .expect("request sent");
    let status = response.status().as_u16();
    (status, response.bytes().await.unwrap().to_vec())
}

#[tokio::test]
async fn an_out_of_scope_id_answers_byte_for_byte_like_a_missing_one() {
    let app = TestApp::seeded(Fixture::Tiny).await;
    let admin = app.token_for("admin", &[ADMIN_GRANT]).await;
    let tree = Tree::load(&app, &admin).await;
    let token = app.token_for("grid.worker", &["GRID_WORKER:grid:1"]).await;
    let grid2_resident = tree
        .of_level(Level::Resident)
        .find(|row| row.is_under(&gid("Grid", 2)))
        .expect("a resident in grid 2")
        .id()
        .to_owned();
    let cases = [
        ("grid", gid("Grid", 2), gid("Grid", MISSING)),
        ("resident", grid2_resident.clone(), gid("Resident", MISSING)),
        ("node", gid("Grid", 2), gid("Grid", MISSING)),
        ("node", grid2_resident, gid("Resident", MISSING)),
    ];
    for (field, existing, missing) in cases {
        let query = format!("query($id: ID!) {{ {field}(id: $id) {{ id }} }}");
        let (status_a, out_of_scope) = raw(&app, &token, &query, json!({ "id": existing })).await;
        let (status_b, nonexistent) = raw(&app, &token, &query, json!({ "id": missing })).await;
        let a: Value = serde_json::from_slice(&out_of_scope).unwrap();
        let b: Value = serde_json::from_slice(&nonexistent).unwrap();
        assert_eq!(error_code(&a), "NOT_FOUND", "{field}({existing}): {a:#}");
        assert!(a["data"][field].is_null(), "{field}({existing}): {a:#}");
        assert_eq!(a["errors"], b["errors"], "{field}: {existing} vs {missing}");
        assert_eq!(status_a, status_b);
        assert_eq!(
            String::from_utf8_lossy(&out_of_scope),
            String::from_utf8_lossy(&nonexistent),
            "{field}: {existing} vs {missing}"
        );
    }
}

#[tokio::test]
async fn every_reachable_row_lists_exactly_the_children_the_viewer_reaches() {
    let app = TestApp::seeded(Fixture::Tiny).await;
    let admin = app.token_for("admin", &[ADMIN_GRANT]).await;
    let tree = Tree::load(&app, &admin).await;
    let mut failures = Vec::new();
    for who in matrix() {
        let token = who.token(&app).await;
        for level in &Level::ALL[..7] {
            let child = level.child().unwrap();
            let parents: Vec<&Row> = tree
                .of_level(*level)
                .filter(|row| who.reaches(&tree, row))
                .collect();
            if parents.is_empty() {
                continue;
            }
            // One statement per level: each reachable row under an alias.
            let selections: String = parents
                .iter()
                .enumerate()
                .map(|(i, row)| {
                    format!(
                        "r{i}: {}(id: \"{}\") {{ {}(first: 100) {{ totalCount nodes {{ id }} }} }}\n",
                        level.field(),
                        row.id(),
                        child.list()
                    )
                })
                .collect();
            let body = ask(&app, &token, &format!("{{ {selections} }}"), json!({})).await;
            if body.get("errors").is_some() {
                failures.push(format!("{} × {:?} children: {body}", who.name(), level));
                continue;
            }
            for (i, parent) in parents.iter().enumerate() {
                let cell = format!(
                    "{} × {}({}).{}",
                    who.name(),
                    level.field(),
                    parent.id(),
                    child.list()
                );
                let connection = &body["data"][format!("r{i}")][child.list()];
                let expected: BTreeSet<&str> = tree
                    .children(parent.id())
                    .filter(|row| who.reaches(&tree, row))
                    .map(Row::id)
                    .collect();
                let got: BTreeSet<&str> = connection["nodes"]
                    .as_array()
                    .map(|nodes| nodes.iter().filter_map(|n| n["id"].as_str()).collect())
                    .unwrap_or_default();
                if got != expected || connection["totalCount"] != expected.len() {
                    failures.push(format!(
                        "{cell}: got {} {got:?}, expected {} {expected:?}",
                        connection["totalCount"],
                        expected.len()
                    ));
                }
            }
        }
    }
    assert_none(&failures);
}

#[tokio::test]
async fn a_grid_worker_sees_only_its_grid_under_its_community_and_street() {
    let app = TestApp::seeded(Fixture::Tiny).await;
    let token = app.token_for("grid.worker", &["GRID_WORKER:grid:1"]).await;
    let data = data(
        &app,
        &token,
        "query($c: ID!, $s: ID!) {
            community(id: $c) { grids { totalCount nodes { id } } }
            street(id: $s) { communities { totalCount nodes { id } } }
        }",
        json!({ "c": gid("Community", 1), "s": gid("Street", 1) }),
    )
    .await;
    assert_eq!(
        data["community"]["grids"],
        json!({ "totalCount": 1, "nodes": [{ "id": gid("Grid", 1) }] })
    );
    assert_eq!(
        data["street"]["communities"],
        json!({ "totalCount": 1, "nodes": [{ "id": gid("Community", 1) }] })
    );
}

#[tokio::test]
async fn two_grants_reach_the_union_of_their_grids_and_nothing_between() {
    let app = TestApp::seeded(Fixture::Tiny).await;
    let admin = app.token_for("admin", &[ADMIN_GRANT]).await;
    let tree = Tree::load(&app, &admin).await;
    let who = Who::new("two.grids", &["GRID_WORKER:grid:1", "GRID_WORKER:grid:4"]);
    let token = who.token(&app).await;
    let (grid1, grid2, grid4) = (gid("Grid", 1), gid("Grid", 2), gid("Grid", 4));
    // Grid 4 is in another community: the union spans two subtrees.
    assert_ne!(tree.row(&grid1).parent(), tree.row(&grid4).parent());

    let mut expected = 0;
    for grid in [&grid1, &grid4] {
        expected += count(&app, &admin, Level::Resident, json!({ "areaId": grid }))
            .await
            .unwrap();
    }
    let (total, nodes) = list_all(&app, &token, Level::Resident, Value::Null)
        .await
        .unwrap();
    assert_eq!(total, expected);
    assert_eq!(nodes.len() as u64, total);
    let mut grids_seen = BTreeSet::new();
    for node in &nodes {
        let ids = chain_ids(node);
        let grid = ids[ids.len() - 4].clone();
        assert!(grid == grid1 || grid == grid4, "{node}");
        grids_seen.insert(grid);
    }
    assert_eq!(grids_seen, BTreeSet::from([grid1.clone(), grid4.clone()]));

    let (total, nodes) = list_all(&app, &token, Level::Grid, Value::Null)
        .await
        .unwrap();
    assert_eq!(total, 2);
    let ids: BTreeSet<String> = nodes.iter().map(|n| chain_ids(n)[0].clone()).collect();
    assert_eq!(ids, BTreeSet::from([grid1, grid4]));

    let outside = tree
        .of_level(Level::Resident)
        .find(|row| row.is_under(&grid2))
        .unwrap();
    let [(found, code, body), _] = look_up(&app, &token, Level::Resident, outside.id()).await;
    assert!(found.is_none(), "{body:#}");
    assert_eq!(code.as_deref(), Some("NOT_FOUND"), "{body:#}");
    let body = ask(
        &app,
        &token,
        "query($id: ID!) { node(id: $id) { id } }",
        json!({ "id": grid2 }),
    )
    .await;
    assert_eq!(error_code(&body), "NOT_FOUND", "{body:#}");
}

#[tokio::test]
async fn a_service_provider_sees_the_areas_of_its_community_but_no_residents() {
    let app = TestApp::seeded(Fixture::Tiny).await;
    let admin = app.token_for("admin", &[ADMIN_GRANT]).await;
    let tree = Tree::load(&app, &admin).await;
    let token = app
        .token_for("provider", &["SERVICE_PROVIDER:community:1"])
        .await;
    let community = gid("Community", 1);
    let household = tree
        .of_level(Level::Household)
        .find(|row| row.is_under(&community))
        .unwrap();
    let resident = tree
        .children(household.id())
        .next()
        .expect("a household with residents");
    for level in [Level::Grid, Level::Building, Level::Household] {
        let expected = count(&app, &admin, level, json!({ "areaId": community }))
            .await
            .unwrap();
        assert!(expected > 0);
        assert_eq!(
            count(&app, &token, level, Value::Null).await.unwrap(),
            expected,
            "{level:?}"
        );
    }
    let data = data(
        &app,
        &token,
        "query($h: ID!, $c: ID!) {
            residents { totalCount nodes { id } }
            inCommunity: residents(filter: { areaId: $c }) { totalCount }
            household(id: $h) { id residents { totalCount nodes { id } } }
        }",
        json!({ "h": household.id(), "c": community }),
    )
    .await;
    assert_eq!(data["residents"], json!({ "totalCount": 0, "nodes": [] }));
    assert_eq!(data["inCommunity"]["totalCount"], 0);
    assert_eq!(data["household"]["id"], household.id());
    assert_eq!(
        data["household"]["residents"],
        json!({ "totalCount": 0, "nodes": [] })
    );
    for (found, code, body) in look_up(&app, &token, Level::Resident, resident.id()).await {
        assert!(found.is_none(), "{body:#}");
        assert_eq!(code.as_deref(), Some("NOT_FOUND"), "{body:#}");
    }
}

#[tokio::test]
async fn every_role_but_co_building_contacts_and_service_providers_reaches_residents() {
    let app = TestApp::seeded(Fixture::Tiny).await;
    let admin = app.token_for("admin", &[ADMIN_GRANT]).await;
    let in_grid = count(
        &app,
        &admin,
        Level::Resident,
        json!({ "areaId": gid("Grid", 1) }),
    )
    .await
    .unwrap();
    let in_household = count(
        &app,
        &admin,
        Level::Resident,
        json!({ "areaId": gid("Household", 1) }),
    )
    .await
    .unwrap();
    let roles = [
        ("DISTRICT_ADMIN", true),
        ("STREET_ADMIN", true),
        ("COMMUNITY_STAFF", true),
        ("PARTY_SECRETARY", true),
        ("GRID_WORKER", true),
        ("GRID_WORKER_PART_TIME", true),
        ("GRID_LEADER", true),
        ("BUILDING_LEADER", true),
        ("UNIT_LEADER", true),
        ("PARTY_MEMBER", true),
        ("RESIDENT", true),
        ("CO_BUILDING_CONTACT", false),
        ("SERVICE_PROVIDER", false),
    ];
    let mut failures = Vec::new();
    for (i, (role, reaches)) in roles.into_iter().enumerate() {
        // A RESIDENT grant is on a household; every other role here on grid 1.
        let (grant, subtree) = if role == "RESIDENT" {
            (format!("{role}:household:1"), in_household)
        } else {
            (format!("{role}:grid:1"), in_grid)
        };
        let token = app.token_for(&format!("user{i}"), &[&grant]).await;
        let expected = if reaches { subtree } else { 0 };
        match count(&app, &token, Level::Resident, Value::Null).await {
            Ok(total) if total == expected => {}
            other => failures.push(format!("{grant}: {other:?}, expected {expected}")),
        }
    }
    assert_none(&failures);
}

#[tokio::test]
async fn anonymous_callers_are_unauthenticated_and_get_no_data() {
    let app = TestApp::seeded(Fixture::Tiny).await;
    let resident = gid("Resident", 1);
    let cases = [
        ("{ grids { totalCount nodes { id } } }", json!({})),
        (
            "query($id: ID!) { resident(id: $id) { id name } }",
            json!({ "id": resident }),
        ),
        (
            "query($id: ID!) { node(id: $id) { id } }",
            json!({ "id": gid("Grid", 1) }),
        ),
        ("{ me { name } }", json!({})),
    ];
    for (query, variables) in cases {
        let body = app.anonymous(query, variables).await;
        assert_eq!(error_code(&body), "UNAUTHENTICATED", "{query}: {body:#}");
        assert_eq!(body["data"], Value::Null, "{query}: {body:#}");
    }
}

#[tokio::test]
async fn area_filters_cannot_reach_past_the_scope() {
    let app = TestApp::seeded(Fixture::Tiny).await;
    let admin = app.token_for("admin", &[ADMIN_GRANT]).await;
    let token = app.token_for("grid.worker", &["GRID_WORKER:grid:1"]).await;
    let in_grid = count(
        &app,
        &admin,
        Level::Resident,
        json!({ "areaId": gid("Grid", 1) }),
    )
    .await
    .unwrap();
    let in_grid2 = count(
        &app,
        &admin,
        Level::Resident,
        json!({ "areaId": gid("Grid", 2) }),
    )
    .await
    .unwrap();
    assert!(in_grid > 0 && in_grid2 > 0);
    let cases = [
        (Level::Resident, gid("Grid", 2), 0),
        (Level::Resident, gid("Community", 1), in_grid),
        (Level::Resident, gid("District", 1), in_grid),
        (Level::Resident, gid("Grid", 1), in_grid),
        (Level::Household, gid("Grid", 2), 0),
        (Level::Building, gid("Community", 1), 2),
        (Level::Grid, gid("Community", 1), 1),
        (Level::Grid, gid("Street", 2), 0),
        (Level::Community, gid("District", 1), 1),
        (Level::Street, gid("District", 1), 1),
    ];
    for (level, area, expected) in cases {
        let total = count(&app, &token, level, json!({ "areaId": area }))
            .await
            .unwrap_or_else(|body| panic!("{level:?} under {area}: {body:#}"));
        assert_eq!(total, expected, "{} under {area}", level.list());
    }
}
