//! Helpers of the service-order tests: a Tiny hub with a 60-plus meal service offered
//! by the district, an elderly resident in a household of grid 1, a provider with its
//! own account, and one call per mutation.

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use chrono_tz::Asia::Shanghai;
use entity::service_enums::ProviderType;
use entity::{resident, service_provider};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, Set,
};
use serde_json::{Value, json};

use crate::harness::{Fixture, TestApp};
use crate::requests_support::gid;

/// What a service mutation answers.
pub const ORDER: &str = "serviceOrder { id version status reason orderer rating notes
    scheduledStart scheduledEnd checkedInAt checkedOutAt priceCents subsidyCents
    provider { id } item { code } }";

pub struct Counter {
    pub app: TestApp,
    /// RESIDENT of `household`, the first in grid 1 with two residents.
    pub family: String,
    pub household: i32,
    /// GRID_WORKER of grid 1.
    pub worker: String,
    /// The account of `provider`.
    pub provider_account: String,
    /// Residents of `household`: the first born 1950, the second 1990.
    pub elder: i32,
    pub younger: i32,
    pub item: String,
    pub provider: String,
}

/// Local (Asia/Shanghai) time in June 2026; the tests start on Monday 15 June, noon.
pub fn local(day: u32, hour: u32) -> String {
    let at: DateTime<Utc> = Shanghai
        .with_ymd_and_hms(2026, 6, day, hour, 0, 0)
        .unwrap()
        .with_timezone(&Utc);
    at.to_rfc3339()
}

impl Counter {
    pub async fn open() -> Counter {
        let app = TestApp::seeded(Fixture::Tiny).await;
        let residents = resident::Entity::find()
            .filter(resident::Column::AreaPath.starts_with("1/1/1/1/"))
            .order_by_asc(resident::Column::Id)
            .all(&app.state.db)
            .await
            .unwrap();
        let household = residents
            .windows(2)
            .find(|pair| pair[0].household_id == pair[1].household_id)
            .map(|pair| pair[0].household_id)
            .expect("a household of two in grid 1");
        let residents: Vec<_> = residents
            .into_iter()
            .filter(|r| r.household_id == household)
            .collect();
        let family = app
            .token_for("family1", &[&format!("RESIDENT:household:{household}")])
            .await;
        let worker = app.token_for("worker1", &["GRID_WORKER:grid:1"]).await;
        let date = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        set_birth(&app, residents[0].id, date(1950, 3, 1)).await;
        set_birth(&app, residents[1].id, date(1990, 3, 1)).await;
        let (provider_account, provider) =
            add_provider(&app, "provider1", ProviderType::SocialOrganisation, "1/").await;
        let mut counter = Counter {
            app,
            family,
            household,
            worker,
            provider_account,
            elder: residents[0].id,
            younger: residents[1].id,
            item: String::new(),
            provider,
        };
        let body = counter
            .create_item(counter.app.staff_token(), counter.meals("MEAL_AID"))
            .await;
        counter.item = body["data"]["createServiceItem"]["serviceItem"]["id"]
            .as_str()
            .unwrap_or_else(|| panic!("{body:#}"))
            .to_owned();
        counter
    }

    /// A meal service for residents of 60 and over, delivered by social organisations.
    pub fn meals(&self, code: &str) -> Value {
        json!({
            "areaId": gid("District", 1), "code": code, "name": "助餐服务",
            "targetGroup": "ELDERLY", "minAge": 60, "priceCents": 1500, "subsidyCents": 500,
            "providerTypes": ["SOCIAL_ORGANISATION"],
        })
    }

    pub async fn create_item(&self, token: &str, input: Value) -> Value {
        let query = "mutation($input: CreateServiceItemInput!) {
            createServiceItem(input: $input) { serviceItem { id code priceCents } } }";
        self.app
            .graphql_as(token, query, json!({ "input": input }))
            .await
            .1
    }

    /// `mutation` (e.g. `approveServiceOrder`) with `input`, as `token`; the whole body.
    pub async fn call(&self, token: &str, mutation: &str, input: Value) -> Value {
        let input_type = input_type(mutation);
        let query = format!(
            "mutation($input: {input_type}!) {{ {mutation}(input: $input) {{ {ORDER} }} }}"
        );
        self.app
            .graphql_as(token, &query, json!({ "input": input }))
            .await
            .1
    }

    /// `mutation` that must succeed; the order.
    pub async fn done(&self, token: &str, mutation: &str, input: Value) -> Value {
        let body = self.call(token, mutation, input).await;
        assert!(body.get("errors").is_none(), "{mutation}: {body:#}");
        body["data"][mutation]["serviceOrder"].clone()
    }

    /// `orderService` of the meal service for `resident`, by `token`.
    pub async fn order(&self, token: &str, resident: i32) -> Value {
        let input = json!({ "itemId": self.item, "residentId": gid("Resident", resident) });
        self.call(token, "orderService", input).await
    }

    /// An order of the elder's, by the family, approved by the staff.
    pub async fn approved(&self) -> Value {
        let body = self.order(&self.family, self.elder).await;
        let order = &body["data"]["orderService"]["serviceOrder"];
        assert_eq!(order["status"], "ELIGIBILITY_CHECKED", "{body:#}");
        self.done(self.app.staff_token(), "approveServiceOrder", step(order))
            .await
    }

    /// `order` scheduled with `provider` on 16 June from `from` to `to` (local hours).
    pub fn schedule(order: &Value, provider: &str, from: u32, to: u32) -> Value {
        json!({
            "orderId": order["id"], "version": order["version"], "providerId": provider,
            "startsAt": local(16, from), "endsAt": local(16, to),
        })
    }

    /// An approved order scheduled with the provider on 16 June, 09:00–10:00.
    pub async fn scheduled(&self) -> Value {
        let order = self.approved().await;
        let input = Counter::schedule(&order, &self.provider, 9, 10);
        self.done(self.app.staff_token(), "scheduleServiceOrder", input)
            .await
    }

    /// `serviceOrder(id)` as `token`; the whole body.
    pub async fn read(&self, token: &str, order: &Value) -> Value {
        let query = "query($id: ID!) { serviceOrder(id: $id) { id status } }";
        self.app
            .graphql_as(token, query, json!({ "id": order["id"] }))
            .await
            .1
    }

    /// `serviceOrders { totalCount }` as `token`.
    pub async fn listed(&self, token: &str) -> i64 {
        let query = "{ serviceOrders(first: 10) { totalCount } }";
        let (_, body) = self.app.graphql_as(token, query, json!({})).await;
        body["data"]["serviceOrders"]["totalCount"]
            .as_i64()
            .unwrap_or_else(|| panic!("{body:#}"))
    }

    /// Rows in `service_order`.
    pub async fn orders_stored(&self) -> u64 {
        entity::service_order::Entity::find()
            .count(&self.app.state.db)
            .await
            .unwrap()
    }
}

/// `{ orderId, version }` of `order`.
pub fn step(order: &Value) -> Value {
    json!({ "orderId": order["id"], "version": order["version"] })
}

/// `{ orderId, version, text }` of `order`.
pub fn noted(order: &Value, text: &str) -> Value {
    json!({ "orderId": order["id"], "version": order["version"], "text": text })
}

fn input_type(mutation: &str) -> &'static str {
    match mutation {
        "orderService" => "OrderServiceInput",
        "approveServiceOrder" | "checkInService" | "settleServiceOrder" => "ServiceOrderStepInput",
        "scheduleServiceOrder" => "ScheduleServiceOrderInput",
        "confirmService" => "ConfirmServiceInput",
        "rateService" => "RateServiceInput",
        _ => "ServiceOrderNoteInput",
    }
}

pub async fn set_birth(app: &TestApp, id: i32, birth: NaiveDate) {
    resident::ActiveModel {
        id: Set(id),
        birth_date: Set(birth),
        ..Default::default()
    }
    .update(&app.state.db)
    .await
    .unwrap();
}

/// A provider of `kind` serving `area_path`, with an account `username` (role
/// SERVICE_PROVIDER on street 1); its token and global id.
pub async fn add_provider(
    app: &TestApp,
    username: &str,
    kind: ProviderType,
    area_path: &str,
) -> (String, String) {
    let account = app
        .create_user(
            username,
            "correct horse battery",
            &["SERVICE_PROVIDER:street:1"],
        )
        .await;
    let token = app
        .state
        .auth
        .issue_token_for_user(username)
        .await
        .expect("token issued")
        .token;
    let row = service_provider::ActiveModel {
        name: Set(format!("{username} 服务社")),
        provider_type: Set(kind),
        co_building_unit_id: Set(None),
        account_user_id: Set(Some(account)),
        area_path: Set("1/".to_owned()),
        qualifications: Set("养老护理员证".to_owned()),
        service_area_paths: Set(area_path.to_owned()),
        created_at: Set(Utc::now()),
        version: Set(1),
        ..Default::default()
    }
    .insert(&app.state.db)
    .await
    .unwrap();
    (token, gid("ServiceProvider", row.id))
}
