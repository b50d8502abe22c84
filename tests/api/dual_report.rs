//! Dual reporting (双报到) on the Tiny fixture: an in-service member registers with a
//! residential community once while active, hours are recorded positive and bounded
//! with versions, a co-building unit's party organisation registers and claims a
//! project, and bad input, scope and roles are refused without changing anything.

use base64::Engine;
use sea_orm::ConnectionTrait;
use serde_json::{Value, json};

use crate::harness::{Fixture, TestApp, error_code};
use crate::liaison::{REGISTER, member_of};
use crate::posts::{gid, send, staff};

const REPORT: &str = "report { id version volunteerPost registeredOn endedOn hoursServed
    member { id } organization { id } community { id } project { id } }";

const REPORTS: &str = "query($filter: DualReportFilter) {
    dualReports(first: 50, filter: $filter) { totalCount nodes { id hoursServed member { id } } }
}";

fn mutation(name: &str, input: &str) -> String {
    format!("mutation($input: {input}!) {{ {name}(input: $input) {{ {REPORT} }} }}")
}

async fn register(app: &TestApp, token: &str, input: Value) -> Value {
    let query = mutation("registerDualReport", "RegisterDualReportInput");
    send(app, token, &query, input).await
}

async fn hours(app: &TestApp, token: &str, input: Value) -> Value {
    let query = mutation("recordDualReportHours", "RecordDualReportHoursInput");
    send(app, token, &query, input).await
}

async fn end(app: &TestApp, token: &str, input: Value) -> Value {
    send(
        app,
        token,
        &mutation("endDualReport", "EndDualReportInput"),
        input,
    )
    .await
}

async fn reports(app: &TestApp, token: &str, filter: Value) -> Value {
    let (_, body) = app
        .graphql_as(token, REPORTS, json!({ "filter": filter }))
        .await;
    assert!(body.get("errors").is_none(), "{body:#}");
    body["data"]["dualReports"].clone()
}

fn report(body: &Value, name: &str) -> Value {
    let report = body["data"][name]["report"].clone();
    assert!(report.is_object(), "{body:#}");
    report
}

fn db_id(global: &Value) -> i32 {
    let raw = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(global.as_str().unwrap())
        .unwrap();
    let text = String::from_utf8(raw).unwrap();
    text.split_once(':').unwrap().1.parse().unwrap()
}

#[tokio::test]
async fn an_in_service_member_registers_once_and_records_bounded_hours() {
    let app = TestApp::seeded(Fixture::Tiny).await;
    let staff = staff(&app).await;
    let member = member_of(&app, &staff, "dual.one", 5).await;
    let input = json!({ "memberId": member, "communityId": gid("Community", 1),
        "volunteerPost": " 楼道志愿者 " });
    let body = register(&app, &staff, input.clone()).await;
    let first = report(&body, "registerDualReport");
    assert_eq!(first["volunteerPost"], "楼道志愿者");
    assert_eq!(first["registeredOn"], "2026-06-15");
    assert_eq!(first["member"]["id"], member);
    assert_eq!(first["hoursServed"], 0.0);
    let again = register(&app, &staff, input.clone()).await;
    assert_eq!(error_code(&again), "CONFLICT", "{again:#}");
    let id = first["id"].clone();
    let entry = |version: i32, served: &str, hours: f64| json!({ "reportId": id, "version": version, "servedOn": served, "hours": hours });
    let body = hours(&app, &staff, entry(1, "2026-06-15", 2.5)).await;
    assert_eq!(report(&body, "recordDualReportHours")["version"], 2);
    let body = hours(&app, &staff, entry(2, "2026-06-15", 1.5)).await;
    let after = report(&body, "recordDualReportHours");
    assert_eq!(after["hoursServed"], 4.0);
    assert_eq!(
        error_code(&hours(&app, &staff, entry(1, "2026-06-15", 1.0)).await),
        "CONFLICT"
    );
    for (served, value) in [
        ("2026-06-15", 0.0),
        ("2026-06-15", 24.5),
        ("2026-06-15", 1.25),
        ("2026-06-16", 1.0),
        ("2026-06-14", 1.0),
    ] {
        let body = hours(&app, &staff, entry(3, served, value)).await;
        assert_eq!(
            error_code(&body),
            "BAD_USER_INPUT",
            "{served} {value}: {body:#}"
        );
    }
    let listed = reports(&app, &staff, json!({ "areaId": gid("Community", 1) })).await;
    assert_eq!(listed["totalCount"], 1);
    assert_eq!(
        listed["nodes"][0]["hoursServed"], 4.0,
        "nothing else counted"
    );
    let ended = end(
        &app,
        &staff,
        json!({ "reportId": id, "version": 3, "endedOn": "2026-06-15" }),
    )
    .await;
    assert_eq!(report(&ended, "endDualReport")["endedOn"], "2026-06-15");
    assert_eq!(
        error_code(&hours(&app, &staff, entry(4, "2026-06-15", 1.0)).await),
        "CONFLICT"
    );
    let renewed = register(&app, &staff, input).await;
    assert_eq!(report(&renewed, "registerDualReport")["hoursServed"], 0.0);
    let active = reports(&app, &staff, json!({ "active": true })).await;
    assert_eq!(active["totalCount"], 1);
    assert_eq!(
        reports(&app, &staff, json!({ "memberId": member })).await["totalCount"],
        2
    );
}

#[tokio::test]
async fn bad_input_wrong_roles_and_other_communities_are_refused() {
    let app = TestApp::seeded(Fixture::Tiny).await;
    let staff = staff(&app).await;
    let member = member_of(&app, &staff, "dual.one", 5).await;
    let user = app
        .create_user("dual.direct", "correct horse battery", &[])
        .await;
    let direct = json!({ "organizationId": gid("PartyOrganization", 5),
        "userId": gid("User", user), "category": "DIRECT", "joinedOn": "2012-07-01" });
    let direct = send(&app, &staff, REGISTER, direct).await;
    let direct = direct["data"]["registerPartyMember"]["member"]["id"].clone();
    let community = gid("Community", 1);
    for input in [
        json!({ "memberId": direct, "communityId": community }),
        json!({ "communityId": community }),
        json!({ "memberId": member, "organizationId": gid("PartyOrganization", 5),
            "communityId": community }),
        json!({ "organizationId": gid("PartyOrganization", 5), "communityId": community }),
        json!({ "memberId": member, "communityId": community, "registeredOn": "2026-06-16" }),
        json!({ "memberId": member, "communityId": community, "volunteerPost": "  " }),
    ] {
        let body = register(&app, &staff, input.clone()).await;
        assert_eq!(error_code(&body), "BAD_USER_INPUT", "{input}: {body:#}");
    }
    let far = json!({ "memberId": member, "communityId": gid("Community", 3) });
    assert_eq!(error_code(&register(&app, &staff, far).await), "NOT_FOUND");
    let worker = app.token_for("worker1", &["GRID_WORKER:grid:1"]).await;
    let mine = json!({ "memberId": member, "communityId": community });
    assert_eq!(
        error_code(&register(&app, &worker, mine).await),
        "FORBIDDEN"
    );
    assert_eq!(
        reports(&app, &staff, json!({})).await["totalCount"],
        0,
        "nothing changed"
    );
    let body = register(
        &app,
        &staff,
        json!({ "memberId": member, "communityId": community }),
    )
    .await;
    report(&body, "registerDualReport");
    let other = app
        .token_for("staff2", &["COMMUNITY_STAFF:community:2"])
        .await;
    assert_eq!(reports(&app, &other, json!({})).await["totalCount"], 0);
    let resident = app
        .token_for("co1", &["CO_BUILDING_CONTACT:community:1"])
        .await;
    assert_eq!(reports(&app, &resident, json!({})).await["totalCount"], 0);
}

/// A co-building unit of community 1 with a party organisation, and projects of
/// communities 1 and 2 owned by it; the ids of the organisation and projects.
async fn unit_with_organization(app: &TestApp, staff: &str) -> (i32, i32, i32) {
    let input = json!({ "name": "市第一人民医院", "unitType": "HOSPITAL",
        "creditCode": "91350100M000100Y43", "contactName": "王建国",
        "contactPhone": "13812345678", "areaId": gid("Community", 1) });
    let query = "mutation($input: RegisterCoBuildingUnitInput!) {
        registerCoBuildingUnit(input: $input) { unit { id } } }";
    let body = send(app, staff, query, input).await;
    let unit = db_id(&body["data"]["registerCoBuildingUnit"]["unit"]["id"]);
    let db = &app.state.db;
    db.execute_unprepared(&format!(
        "INSERT INTO party_organization (parent_id, name, org_type, area_kind, area_id, \
         area_path, co_building_unit_id, founded_on, status, version) VALUES \
         (NULL, '市第一人民医院党委', 'COMMITTEE', 'community', 1, '1/1/1/', {unit}, \
         '2010-07-01', 'ACTIVE', 1)"
    ))
    .await
    .unwrap();
    for (community, path) in [(1, "1/1/1/"), (2, "1/1/2/")] {
        db.execute_unprepared(&format!(
            "INSERT INTO project (name, owner_unit_id, area_kind, area_id, area_path, status, \
             progress, created_at, updated_at, version) VALUES ('助浴进家门', {unit}, \
             'community', {community}, '{path}', 'ACTIVE', 0, '2026-06-01T00:00:00Z', \
             '2026-06-01T00:00:00Z', 1)"
        ))
        .await
        .unwrap();
    }
    (17, 1, 2)
}

#[tokio::test]
async fn a_co_building_units_organisation_registers_and_claims_a_project_of_the_community() {
    let app = TestApp::seeded(Fixture::Tiny).await;
    let staff = staff(&app).await;
    let (organization, near, far) = unit_with_organization(&app, &staff).await;
    let input = |project: i32| {
        json!({ "organizationId": gid("PartyOrganization", organization),
            "communityId": gid("Community", 1), "projectId": gid("Project", project) })
    };
    let street = app.token_for("street1", &["STREET_ADMIN:street:1"]).await;
    let body = register(&app, &street, input(far)).await;
    assert_eq!(error_code(&body), "BAD_USER_INPUT", "{body:#}");
    let body = register(&app, &staff, input(far)).await;
    assert_eq!(
        error_code(&body),
        "NOT_FOUND",
        "out of the staff's sight: {body:#}"
    );
    let body = register(&app, &staff, input(near)).await;
    let made = report(&body, "registerDualReport");
    assert_eq!(
        made["organization"]["id"],
        gid("PartyOrganization", organization)
    );
    assert_eq!(made["project"]["id"], gid("Project", near));
    assert_eq!(made["member"], Value::Null);
    let again = register(&app, &staff, input(near)).await;
    assert_eq!(error_code(&again), "CONFLICT");
    let listed = reports(&app, &staff, json!({ "reporter": "ORGANIZATION" })).await;
    assert_eq!(listed["totalCount"], 1);
    let members = reports(&app, &staff, json!({ "reporter": "MEMBER" })).await;
    assert_eq!(members["totalCount"], 0);
}

#[tokio::test]
async fn of_two_parallel_registrations_of_one_member_exactly_one_wins() {
    let app = TestApp::seeded(Fixture::Tiny).await;
    let staff = staff(&app).await;
    let member = member_of(&app, &staff, "dual.one", 5).await;
    let input = json!({ "memberId": member, "communityId": gid("Community", 1) });
    let (a, b) = tokio::join!(
        register(&app, &staff, input.clone()),
        register(&app, &staff, input.clone()),
    );
    let won: Vec<bool> = [&a, &b]
        .iter()
        .map(|body| body.get("errors").is_none())
        .collect();
    assert_eq!(won.iter().filter(|won| **won).count(), 1, "{a:#} {b:#}");
    let lost = if won[0] { &b } else { &a };
    assert_eq!(error_code(lost), "CONFLICT", "{lost:#}");
    assert_eq!(reports(&app, &staff, json!({})).await["totalCount"], 1);
}
