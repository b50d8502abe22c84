//! Linkage meetings (联席会议 / 四级联动) on the Tiny fixture: a community records one
//! with its organisations and members, the level must match the area, the day must not
//! be in the future, attendees must serve areas under the meeting's, and other
//! communities neither record nor read it. Committees 1-4 serve communities 1-4;
//! branches 5-7 the grids of community 1.

use serde_json::{Value, json};

use crate::harness::{Fixture, TestApp, error_code};
use crate::liaison::member_of;
use crate::posts::{gid, send, staff};

const RECORD: &str = "mutation($input: RecordLinkageMeetingInput!) {
    recordLinkageMeeting(input: $input) {
        meeting { id level heldOn title topics decisions area { id }
                  attendingOrganizations { id } attendingMembers { id name } }
    }
}";

const MEETINGS: &str = "query($filter: LinkageMeetingFilter) {
    linkageMeetings(first: 20, filter: $filter) {
        totalCount nodes { id title attendingOrganizations { id } }
    }
}";

fn meeting(member: &Value) -> Value {
    json!({
        "level": "COMMUNITY",
        "areaId": gid("Community", 1),
        "heldOn": "2026-06-12",
        "title": "六月党建联席会议",
        "topics": ["老旧小区加装电梯", " 独居老人助餐 "],
        "decisions": ["成立加装电梯专班"],
        "organizationIds": [gid("PartyOrganization", 1), gid("PartyOrganization", 5)],
        "memberIds": [member],
    })
}

async fn meetings(app: &TestApp, token: &str, filter: Value) -> Value {
    let (_, body) = app
        .graphql_as(token, MEETINGS, json!({ "filter": filter }))
        .await;
    assert!(body.get("errors").is_none(), "{body:#}");
    body["data"]["linkageMeetings"].clone()
}

#[tokio::test]
async fn a_community_records_a_meeting_with_its_attendees_topics_and_decisions() {
    let app = TestApp::seeded(Fixture::Tiny).await;
    let staff = staff(&app).await;
    let member = member_of(&app, &staff, "linkage.one", 5).await;
    let body = send(&app, &staff, RECORD, meeting(&member)).await;
    let made = &body["data"]["recordLinkageMeeting"]["meeting"];
    assert_eq!(made["level"], "COMMUNITY", "{body:#}");
    assert_eq!(made["area"]["id"], gid("Community", 1));
    assert_eq!(made["topics"], json!(["老旧小区加装电梯", "独居老人助餐"]));
    assert_eq!(made["decisions"], json!(["成立加装电梯专班"]));
    let organizations = json!([{ "id": gid("PartyOrganization", 1) },
        { "id": gid("PartyOrganization", 5) }]);
    assert_eq!(made["attendingOrganizations"], organizations);
    assert_eq!(made["attendingMembers"][0]["name"], "linkage.one");
    let listed = meetings(&app, &staff, json!({ "areaId": gid("Street", 1) })).await;
    assert_eq!(listed["totalCount"], 1);
    let later = json!({ "heldFrom": "2026-06-13" });
    assert_eq!(meetings(&app, &staff, later).await["totalCount"], 0);
    let street_level = json!({ "level": ["STREET"] });
    assert_eq!(meetings(&app, &staff, street_level).await["totalCount"], 0);
    let other = app
        .token_for("staff2", &["COMMUNITY_STAFF:community:2"])
        .await;
    assert_eq!(meetings(&app, &other, json!({})).await["totalCount"], 0);
}

#[tokio::test]
async fn bad_meetings_are_refused_and_record_nothing() {
    let app = TestApp::seeded(Fixture::Tiny).await;
    let staff = staff(&app).await;
    let member = member_of(&app, &staff, "linkage.one", 5).await;
    let good = meeting(&member);
    for (key, value) in [
        ("level", json!("STREET")),
        ("level", json!("CITY")),
        ("heldOn", json!("2026-06-16")),
        ("title", json!("  ")),
        ("topics", json!([])),
        ("decisions", json!([""])),
        (
            "organizationIds",
            json!([gid("PartyOrganization", 1), gid("PartyOrganization", 1)]),
        ),
    ] {
        let mut input = good.clone();
        input[key] = value.clone();
        let body = send(&app, &staff, RECORD, input).await;
        assert_eq!(
            error_code(&body),
            "BAD_USER_INPUT",
            "{key}={value}: {body:#}"
        );
    }
    let mut nobody = good.clone();
    nobody["organizationIds"] = json!([]);
    nobody["memberIds"] = json!([]);
    assert_eq!(
        error_code(&send(&app, &staff, RECORD, nobody).await),
        "BAD_USER_INPUT"
    );
    let mut far = good.clone();
    far["organizationIds"] = json!([gid("PartyOrganization", 3)]);
    assert_eq!(
        error_code(&send(&app, &staff, RECORD, far).await),
        "NOT_FOUND"
    );
    let mut elsewhere = good.clone();
    elsewhere["areaId"] = json!(gid("Community", 3));
    assert_eq!(
        error_code(&send(&app, &staff, RECORD, elsewhere).await),
        "NOT_FOUND"
    );
    // Committee 2 serves community 2: the street sees it, but it is not community 1's.
    let street = app.token_for("street1", &["STREET_ADMIN:street:1"]).await;
    let mut outside = good.clone();
    outside["organizationIds"] = json!([gid("PartyOrganization", 2)]);
    let body = send(&app, &street, RECORD, outside).await;
    assert_eq!(error_code(&body), "BAD_USER_INPUT", "{body:#}");
    let worker = app.token_for("worker1", &["GRID_WORKER:grid:1"]).await;
    assert_eq!(
        error_code(&send(&app, &worker, RECORD, good).await),
        "FORBIDDEN"
    );
    assert_eq!(meetings(&app, &staff, json!({})).await["totalCount"], 0);
}
