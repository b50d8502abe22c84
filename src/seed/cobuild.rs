//! Demo co-building for `serve --demo`: in the demo community, its staff register a
//! hospital and a school (valid GB 32100 credit codes), ally both with the community,
//! record what they offer, publish three needs, and answer one of them with a project
//! of the hospital's. Made through the same service calls (and permission checks) as
//! the API.

use chrono::{Duration, NaiveDate};

use entity::co_building_unit::CoBuildingUnitType;
use entity::cobuild_enums::{CoBuildCategory, ResourceType};

use crate::AppState;
use crate::access::audit::RequestMeta;
use crate::access::{AreaKind, Viewer};
use crate::domain::cobuild::lists;
use crate::error::{AppError, AppResult};
use crate::service::change::Change;
use crate::service::cobuild::needs::{self, NewNeed};
use crate::service::cobuild::projects::{self, NewProject};
use crate::service::cobuild::resources::{self, NewResource};
use crate::service::cobuild::units::{self, Contact, NewMembership, NewUnit};

/// What the demo co-building holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Seeded {
    pub units: usize,
    pub resources: usize,
    pub needs: usize,
    pub projects: usize,
}

/// The demo units: name, type, credit code, contact.
const UNITS: [(&str, CoBuildingUnitType, &str, &str, &str); 2] = [
    (
        "区第一人民医院",
        CoBuildingUnitType::Hospital,
        "91350100M000100Y43",
        "王建国",
        "13812345678",
    ),
    (
        "区实验小学",
        CoBuildingUnitType::School,
        "914403001922038216",
        "李红梅",
        "13912345678",
    ),
];

/// Registers, allies and lists the demo co-building.
pub async fn seed_demo_cobuild(state: &AppState) -> AppResult<Seeded> {
    let token = state.auth.issue_token_for_user("community.staff").await?;
    let staff = state.auth.authenticate(&token.token).await?;
    let community = staff
        .grants
        .first()
        .map(|grant| grant.area.clone())
        .filter(|area| area.kind == AreaKind::Community)
        .ok_or_else(|| AppError::Internal("the demo staff has no community".to_owned()))?;
    let staff = Viewer::Principal(staff);
    let meta = RequestMeta::default();
    let now = state.clock.now();
    let change = || Change::new(&state.db, &staff, &meta, now);
    let area = (AreaKind::Community, community.id);
    let today = lists::day_of(now);
    let mut unit_ids = Vec::new();
    for (name, unit_type, code, contact, phone) in UNITS {
        let new = NewUnit {
            name: name.to_owned(),
            unit_type,
            credit_code: code.to_owned(),
            contact: Contact {
                name: Some(contact.to_owned()),
                phone: Some(phone.to_owned()),
            },
            address: None,
            area,
        };
        let unit = units::register(&change(), new).await?;
        let membership = NewMembership {
            unit_id: unit.id,
            area,
            joined_on: today - Duration::days(365),
            left_on: None,
            agreement: Some(format!("{name}共建协议")),
        };
        units::join_alliance(&change(), membership).await?;
        unit_ids.push(unit.id);
    }
    let offer = |unit_id, category, description: &str, quantity| NewResource {
        unit_id,
        resource_type: ResourceType::Volunteers,
        category,
        description: description.to_owned(),
        quantity,
        capacity: None,
        available_from: now - Duration::days(30),
        available_to: now + Duration::days(335),
    };
    let doctors = resources::offer(
        &change(),
        offer(
            unit_ids[0],
            CoBuildCategory::Health,
            "医护志愿者每月义诊",
            8,
        ),
    )
    .await?;
    resources::offer(
        &change(),
        offer(
            unit_ids[1],
            CoBuildCategory::Education,
            "教师志愿者周末课业辅导",
            6,
        ),
    )
    .await?;
    let need = |category, title: &str, description: &str, beneficiaries| NewNeed {
        area,
        category,
        title: title.to_owned(),
        description: description.to_owned(),
        beneficiaries,
        request_id: None,
    };
    let checkups = needs::publish(
        &change(),
        need(
            CoBuildCategory::Health,
            "独居老人健康体检",
            "辖区 36 位独居老人需要上门体检",
            36,
        ),
    )
    .await?;
    needs::publish(
        &change(),
        need(
            CoBuildCategory::Education,
            "留守儿童课后辅导",
            "12 名留守儿童放学后无人辅导",
            12,
        ),
    )
    .await?;
    needs::publish(
        &change(),
        need(
            CoBuildCategory::ElderlyCare,
            "老年食堂助餐志愿者",
            "午间助餐缺少配送志愿者",
            60,
        ),
    )
    .await?;
    let project = NewProject {
        name: "健康进家门".to_owned(),
        owner_unit_id: unit_ids[0],
        area,
        need_ids: vec![checkups.id],
        resource_ids: vec![doctors.id],
        milestones: vec![
            ("建立健康档案".to_owned(), Some(day_after(today, 30))),
            ("上门体检".to_owned(), Some(day_after(today, 90))),
        ],
    };
    projects::create(&change(), project).await?;
    Ok(Seeded {
        units: 2,
        resources: 2,
        needs: 3,
        projects: 1,
    })
}

fn day_after(today: NaiveDate, days: i64) -> NaiveDate {
    today + Duration::days(days)
}
