//! Mediation cases as `access` scopes them (no API yet): minor cases stay with the
//! community, major ones are also seen by the street above; parties and sessions follow
//! their case.

use chrono::Utc;
use community_hub::access::{self, Viewer};
use entity::mediation_enums::{CaseStatus, DisputeCategory};
use entity::{community, mediation_case, mediation_party};
use sea_orm::{ActiveModelTrait, EntityTrait, Set};

use crate::harness::{Fixture, TestApp};
use crate::requests_support::user_id;

async fn viewer(app: &TestApp, username: &str, grants: &[&str]) -> Viewer {
    let token = app.token_for(username, grants).await;
    Viewer::Principal(app.state.auth.authenticate(&token).await.unwrap())
}

async fn case(app: &TestApp, community: i32, major: bool, mediator: i32) -> i32 {
    let db = &app.state.db;
    let place = community::Entity::find_by_id(community)
        .one(db)
        .await
        .unwrap()
        .unwrap();
    let now = Utc::now();
    let row = mediation_case::ActiveModel {
        area_kind: Set("community".to_owned()),
        area_id: Set(place.id),
        area_path: Set(place.path.clone()),
        category: Set(DisputeCategory::Neighbour),
        major: Set(major),
        summary: Set("楼上漏水，双方协商未果".to_owned()),
        mediator_user_id: Set(mediator),
        status: Set(CaseStatus::Open),
        opened_at: Set(now),
        updated_at: Set(now),
        version: Set(1),
        ..Default::default()
    }
    .insert(db)
    .await
    .unwrap();
    mediation_party::ActiveModel {
        case_id: Set(row.id),
        area_path: Set(row.area_path.clone()),
        major: Set(major),
        name: Set(Some("张三".to_owned())),
        ..Default::default()
    }
    .insert(db)
    .await
    .unwrap();
    row.id
}

async fn seen<E: access::Scoped>(app: &TestApp, viewer: &Viewer) -> usize {
    access::visible::<E>(viewer)
        .all(&app.state.db)
        .await
        .unwrap()
        .len()
}

#[tokio::test]
async fn a_street_admin_sees_major_cases_but_not_minor_ones() {
    let app = TestApp::seeded(Fixture::Tiny).await;
    let staff = viewer(&app, "mediator1", &["COMMUNITY_STAFF:community:1"]).await;
    let mediator = user_id(&app, "mediator1").await;
    case(&app, 1, false, mediator).await;
    case(&app, 1, true, mediator).await;
    let street = viewer(&app, "street1", &["STREET_ADMIN:street:1"]).await;
    let other_street = viewer(&app, "street2", &["STREET_ADMIN:street:2"]).await;
    assert_eq!(seen::<mediation_case::Entity>(&app, &staff).await, 2);
    assert_eq!(seen::<mediation_case::Entity>(&app, &street).await, 1);
    assert_eq!(seen::<mediation_party::Entity>(&app, &street).await, 1);
    assert_eq!(seen::<mediation_case::Entity>(&app, &other_street).await, 0);
}

#[tokio::test]
async fn minor_cases_stay_in_their_community() {
    let app = TestApp::seeded(Fixture::Tiny).await;
    let staff = viewer(&app, "mediator1", &["COMMUNITY_STAFF:community:1"]).await;
    let mediator = user_id(&app, "mediator1").await;
    case(&app, 1, false, mediator).await;
    let neighbour = viewer(&app, "staff2", &["COMMUNITY_STAFF:community:2"]).await;
    let resident = viewer(&app, "member1", &["PARTY_MEMBER:community:1"]).await;
    let district = viewer(&app, "district1", &["DISTRICT_ADMIN:district:1"]).await;
    assert_eq!(seen::<mediation_case::Entity>(&app, &staff).await, 1);
    assert_eq!(seen::<mediation_case::Entity>(&app, &neighbour).await, 0);
    assert_eq!(seen::<mediation_case::Entity>(&app, &resident).await, 0);
    assert_eq!(seen::<mediation_case::Entity>(&app, &district).await, 1);
}
