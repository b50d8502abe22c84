//! Helpers of the booking tests: facility 1 of the Tiny fixture (registered with
//! community 1), residents of households 1 and 2, and one call per mutation.

use chrono::{DateTime, TimeZone, Utc};
use chrono_tz::Asia::Shanghai;
use serde_json::{Value, json};

use crate::harness::{Fixture, TestApp};
use crate::requests_support::gid;

/// What a booking mutation answers.
pub const BOOKING: &str =
    "booking { id version status startsAt endsAt purpose bookedById facility { id } }";

pub struct Desk {
    pub app: TestApp,
    /// RESIDENT of household 1.
    pub resident: String,
    /// RESIDENT of household 2.
    pub neighbour: String,
}

/// Local (Asia/Shanghai) time in June 2026; the tests start on Monday 15 June, noon.
pub fn local(day: u32, hour: u32, minute: u32) -> String {
    let at: DateTime<Utc> = Shanghai
        .with_ymd_and_hms(2026, 6, day, hour, minute, 0)
        .unwrap()
        .with_timezone(&Utc);
    at.to_rfc3339()
}

pub fn facility() -> String {
    gid("Facility", 1)
}

impl Desk {
    pub async fn open() -> Desk {
        let app = TestApp::seeded(Fixture::Tiny).await;
        let resident = app.token_for("booker1", &["RESIDENT:household:1"]).await;
        let neighbour = app.token_for("booker2", &["RESIDENT:household:2"]).await;
        Desk {
            app,
            resident,
            neighbour,
        }
    }

    /// Opens Desk with facility 1 open on Tuesdays 09:00–12:00 and 14:00–18:00.
    pub async fn with_hours() -> Desk {
        let desk = Desk::open().await;
        let periods = json!([
            { "weekday": 2, "opensAt": "14:00", "closesAt": "18:00" },
            { "weekday": 2, "opensAt": "09:00", "closesAt": "12:00" },
        ]);
        let body = desk.set_hours(desk.app.staff_token(), 1, periods).await;
        assert!(body.get("errors").is_none(), "{body:#}");
        desk
    }

    /// `setFacilityOpeningHours` on facility 1 at `version`; the whole body.
    pub async fn set_hours(&self, token: &str, version: i32, periods: Value) -> Value {
        let query = "mutation($input: SetFacilityOpeningHoursInput!) {
            setFacilityOpeningHours(input: $input) {
                facility { id version } periods { weekday opensAt closesAt }
            } }";
        let input = json!({ "facilityId": facility(), "version": version, "periods": periods });
        self.app
            .graphql_as(token, query, json!({ "input": input }))
            .await
            .1
    }

    /// The input of a booking of facility 1 on 16 June (a Tuesday), local hours.
    pub fn slot(from: (u32, u32), to: (u32, u32)) -> Value {
        json!({
            "facilityId": facility(),
            "startsAt": local(16, from.0, from.1),
            "endsAt": local(16, to.0, to.1),
            "purpose": "书法兴趣班",
        })
    }

    /// `bookFacility` as `token`; the whole body.
    pub async fn book(&self, token: &str, input: Value) -> Value {
        let query = format!(
            "mutation($input: BookFacilityInput!) {{ bookFacility(input: $input) {{ {BOOKING} }} }}"
        );
        self.app
            .graphql_as(token, &query, json!({ "input": input }))
            .await
            .1
    }

    /// `bookFacility` that must succeed; the booking.
    pub async fn booked(&self, token: &str, input: Value) -> Value {
        let body = self.book(token, input).await;
        assert!(body.get("errors").is_none(), "{body:#}");
        body["data"]["bookFacility"]["booking"].clone()
    }

    /// `cancelBooking` as `token`; the whole body.
    pub async fn cancel(&self, token: &str, booking: &Value, version: i64) -> Value {
        let query = format!(
            "mutation($input: CancelBookingInput!) {{ cancelBooking(input: $input) {{ {BOOKING} }} }}"
        );
        let input = json!({ "bookingId": booking["id"], "version": version });
        self.app
            .graphql_as(token, &query, json!({ "input": input }))
            .await
            .1
    }

    /// The ids of the bookings `token` lists with `filter`.
    pub async fn listed(&self, token: &str, filter: Value) -> Vec<String> {
        let query = "query($f: BookingFilter) { bookings(first: 50, filter: $f) {
            totalCount nodes { id } } }";
        let (_, body) = self
            .app
            .graphql_as(token, query, json!({ "f": filter }))
            .await;
        assert!(body.get("errors").is_none(), "{body:#}");
        body["data"]["bookings"]["nodes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|node| node["id"].as_str().unwrap().to_owned())
            .collect()
    }
}
