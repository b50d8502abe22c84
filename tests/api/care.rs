//! Care profiles (关爱档案): recorded by the front line, one per resident, versioned,
//! checked by the rules, and masked per role (S3 health data, children under 14).

use chrono::NaiveDate;
use entity::resident;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, QueryOrder, Set};
use serde_json::{Value, json};

use crate::harness::{Fixture, TestApp, error_code};
use crate::requests_support::gid;

const PROFILE: &str = "careProfile { id version livingArrangement
    abilityAssessment { level assessedOn dailyLiving cognition }
    disabilityType disabilityGrade regularContact { name phone }
    emergencyContact { name phone } leftBehind guardian { name phone } guardianRelation school }";

struct Ward {
    app: TestApp,
    /// GRID_WORKER on grid 1.
    worker: String,
    /// An elderly resident (born 1950) and a child of 12 in grid 1.
    elder: i32,
    child: i32,
}

impl Ward {
    async fn open() -> Ward {
        let app = TestApp::seeded(Fixture::Tiny).await;
        let worker = app.token_for("carer1", &["GRID_WORKER:grid:1"]).await;
        let residents = resident::Entity::find()
            .filter(resident::Column::AreaPath.starts_with("1/1/1/1/"))
            .order_by_asc(resident::Column::Id)
            .all(&app.state.db)
            .await
            .unwrap();
        let born = |model: &resident::Model, date: NaiveDate| {
            let mut row: resident::ActiveModel = model.clone().into();
            row.birth_date = Set(date);
            row
        };
        let date = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        born(&residents[0], date(1950, 3, 1))
            .update(&app.state.db)
            .await
            .unwrap();
        born(&residents[1], date(2014, 1, 1))
            .update(&app.state.db)
            .await
            .unwrap();
        Ward {
            app,
            worker,
            elder: residents[0].id,
            child: residents[1].id,
        }
    }

    async fn upsert(&self, token: &str, input: Value) -> Value {
        let query = format!(
            "mutation($input: UpsertCareProfileInput!) {{ upsertCareProfile(input: $input) {{ {PROFILE} }} }}"
        );
        self.app
            .graphql_as(token, &query, json!({ "input": input }))
            .await
            .1
    }

    fn elderly(&self, version: Option<i32>) -> Value {
        json!({
            "residentId": gid("Resident", self.elder),
            "version": version,
            "elderly": {
                "livingArrangement": "LIVING_ALONE",
                "abilityAssessment": { "level": 2, "assessedOn": "2026-05-20", "dailyLiving": 1,
                    "cognition": 2, "perceptionCommunication": 0, "socialParticipation": 1 },
                "disabilityType": "PHYSICAL", "disabilityGrade": 3,
                "regularContact": { "name": "张小明", "phone": "13812345678" },
                "emergencyContact": { "name": "李四", "phone": "139 8765 4321" },
            },
        })
    }

    /// `resident.careProfile` as `token`.
    async fn seen_by(&self, token: &str, resident: i32) -> Value {
        let query = format!("query($id: ID!) {{ resident(id: $id) {{ {PROFILE} }} }}");
        let (_, body) = self
            .app
            .graphql_as(token, &query, json!({ "id": gid("Resident", resident) }))
            .await;
        assert!(body.get("errors").is_none(), "{body:#}");
        body["data"]["resident"]["careProfile"].clone()
    }
}

#[tokio::test]
async fn a_recorded_profile_reads_masked_per_role() {
    let ward = Ward::open().await;
    let body = ward.upsert(&ward.worker, ward.elderly(None)).await;
    let stored = &body["data"]["upsertCareProfile"]["careProfile"];
    assert_eq!(stored["version"], 1, "{body:#}");
    let staff = ward.seen_by(ward.app.staff_token(), ward.elder).await;
    assert_eq!(staff["livingArrangement"], "LIVING_ALONE");
    assert_eq!(
        staff["regularContact"],
        json!({"name": "张小明", "phone": "13812345678"})
    );
    assert_eq!(
        staff["emergencyContact"],
        json!({"name": "李四", "phone": "139****4321"})
    );
    assert!(staff["abilityAssessment"].is_null() && staff["disabilityType"].is_null());
    let admin = ward
        .app
        .token_for("admin1", &["STREET_ADMIN:street:1"])
        .await;
    let admin = ward.seen_by(&admin, ward.elder).await;
    assert_eq!(admin["regularContact"]["name"], "张**");
    assert!(admin["livingArrangement"].is_null());
    let system = ward
        .app
        .graphql_as(
            &ward.worker,
            "query($id: ID!) { careProfile(id: $id) { id } }",
            json!({ "id": stored["id"] }),
        )
        .await
        .1;
    assert_eq!(system["data"]["careProfile"]["id"], stored["id"]);
}

#[tokio::test]
async fn a_child_under_14_shows_staff_no_school_and_a_masked_guardian() {
    let ward = Ward::open().await;
    let input = json!({
        "residentId": gid("Resident", ward.child),
        "child": { "leftBehind": true, "guardian": { "name": "王芳", "phone": "13700001111" },
            "guardianRelation": "祖母", "school": "实验小学" },
    });
    let body = ward.upsert(&ward.worker, input).await;
    assert!(body.get("errors").is_none(), "{body:#}");
    let staff = ward.seen_by(ward.app.staff_token(), ward.child).await;
    assert!(staff["school"].is_null() && staff["leftBehind"].is_null());
    assert_eq!(
        staff["guardian"],
        json!({"name": "王*", "phone": "137****1111"})
    );
}

#[tokio::test]
async fn each_rule_refuses_bad_input() {
    let ward = Ward::open().await;
    let mut cases = Vec::new();
    let mut wrong_age = ward.elderly(None);
    wrong_age["residentId"] = json!(gid("Resident", ward.child));
    cases.push(wrong_age);
    let mut level = ward.elderly(None);
    level["elderly"]["abilityAssessment"]["level"] = json!(5);
    cases.push(level);
    let mut future = ward.elderly(None);
    future["elderly"]["abilityAssessment"]["assessedOn"] = json!("2026-06-16");
    cases.push(future);
    let mut grade = ward.elderly(None);
    grade["elderly"]["disabilityGrade"] = Value::Null;
    cases.push(grade);
    let mut phone = ward.elderly(None);
    phone["elderly"]["emergencyContact"]["phone"] = json!("12345");
    cases.push(phone);
    cases.push(json!({ "residentId": gid("Resident", ward.elder) }));
    for input in cases {
        let body = ward.upsert(&ward.worker, input.clone()).await;
        assert_eq!(error_code(&body), "BAD_USER_INPUT", "{input}");
    }
}

#[tokio::test]
async fn one_profile_per_resident_replaced_at_its_version() {
    let ward = Ward::open().await;
    ward.upsert(&ward.worker, ward.elderly(None)).await;
    let again = ward.upsert(&ward.worker, ward.elderly(None)).await;
    assert_eq!(error_code(&again), "CONFLICT");
    let stale = ward.upsert(&ward.worker, ward.elderly(Some(7))).await;
    assert_eq!(error_code(&stale), "CONFLICT");
    let body = ward.upsert(&ward.worker, ward.elderly(Some(1))).await;
    assert_eq!(
        body["data"]["upsertCareProfile"]["careProfile"]["version"], 2,
        "{body:#}"
    );
}

#[tokio::test]
async fn out_of_grid_workers_and_admins_may_not_record() {
    let ward = Ward::open().await;
    let other = ward.app.token_for("carer2", &["GRID_WORKER:grid:2"]).await;
    let body = ward.upsert(&other, ward.elderly(None)).await;
    assert_eq!(error_code(&body), "NOT_FOUND");
    let admin = ward
        .app
        .token_for("admin2", &["STREET_ADMIN:street:1"])
        .await;
    let body = ward.upsert(&admin, ward.elderly(None)).await;
    assert_eq!(error_code(&body), "FORBIDDEN");
    ward.upsert(&ward.worker, ward.elderly(None)).await;
    let query = "{ careProfiles(first: 10) { totalCount } }";
    let (_, body) = ward.app.graphql_as(&other, query, json!({})).await;
    assert_eq!(body["data"]["careProfiles"]["totalCount"], 0, "{body:#}");
    let (_, body) = ward.app.graphql_as(&ward.worker, query, json!({})).await;
    assert_eq!(body["data"]["careProfiles"]["totalCount"], 1, "{body:#}");
}

#[tokio::test]
async fn api_clients_with_territory_read_reach_no_care_profile_at_all() {
    let ward = Ward::open().await;
    let body = ward.upsert(&ward.worker, ward.elderly(None)).await;
    let id = body["data"]["upsertCareProfile"]["careProfile"]["id"].clone();
    let client = ward
        .app
        .client_token("care-app", &["territory:read"], |client| client)
        .await;
    let query = "query($resident: ID!) {
        careProfiles(first: 10) { totalCount }
        resident(id: $resident) { id careProfile { id } } }";
    let variables = json!({ "resident": gid("Resident", ward.elder) });
    let (_, body) = ward.app.graphql_as(&client, query, variables).await;
    assert!(body.get("errors").is_none(), "{body:#}");
    assert_eq!(body["data"]["careProfiles"]["totalCount"], 0);
    assert!(
        body["data"]["resident"]["id"].is_string(),
        "the resident itself is seen"
    );
    assert!(body["data"]["resident"]["careProfile"].is_null());
    let (_, body) = ward
        .app
        .graphql_as(
            &client,
            "query($id: ID!) { careProfile(id: $id) { id } }",
            json!({ "id": id }),
        )
        .await;
    assert_eq!(error_code(&body), "NOT_FOUND");
    let (_, body) = ward
        .app
        .graphql_as(
            ward.app.staff_token(),
            "{ careProfiles(first: 10) { totalCount } }",
            json!({}),
        )
        .await;
    assert_eq!(
        body["data"]["careProfiles"]["totalCount"], 1,
        "staff still do"
    );
}
