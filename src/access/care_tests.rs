//! How a care profile reads to each role.

use std::sync::Arc;

use chrono::{NaiveDate, TimeZone, Utc};

use super::*;
use crate::access::{AreaKind, AreaRef, Grant, Principal};

const HOUSEHOLD: &str = "1/1/1/1/1/1/1/";

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn today() -> NaiveDate {
    d(2026, 6, 15)
}

fn user(role: Role, kind: AreaKind, path: &str, resident_id: Option<i32>) -> Viewer {
    Viewer::Principal(Arc::new(Principal {
        kind: PrincipalKind::User,
        id: 9,
        name: "u".to_owned(),
        grants: vec![Grant {
            role,
            area: AreaRef {
                kind,
                id: 1,
                path: path.to_owned(),
            },
        }],
        scopes: vec![],
        resident_id,
        area: None,
        trusted_documents_only: false,
        daily_quota: None,
    }))
}

fn profile() -> care_profile::Model {
    let at = Utc.with_ymd_and_hms(2026, 6, 1, 0, 0, 0).unwrap();
    care_profile::Model {
        id: 1,
        resident_id: 5,
        area_path: HOUSEHOLD.to_owned(),
        living_arrangement: Some(LivingArrangement::LivingAlone),
        ability_level: Some(2),
        assessed_on: Some(d(2026, 5, 1)),
        daily_living: Some(1),
        cognition: Some(2),
        perception_communication: Some(0),
        social_participation: Some(3),
        disability_type: Some(DisabilityType::Physical),
        disability_grade: Some(3),
        regular_contact_name: Some("张小明".to_owned()),
        regular_contact_phone: Some("13812345678".to_owned()),
        emergency_contact_name: Some("李四".to_owned()),
        emergency_contact_phone: Some("13987654321".to_owned()),
        left_behind: Some(true),
        guardian_name: Some("王芳".to_owned()),
        guardian_relation: Some("祖母".to_owned()),
        guardian_phone: Some("13700001111".to_owned()),
        school: Some("实验小学".to_owned()),
        created_at: at,
        updated_at: at,
        version: 1,
    }
}

#[test]
fn community_staff_see_contacts_but_not_health_or_the_emergency_phone() {
    let staff = user(Role::CommunityStaff, AreaKind::Community, "1/1/1/", None);
    let model = profile();
    let view = CareView::new(&staff, &model, d(1950, 1, 1), today());
    assert_eq!(
        view.living_arrangement(),
        Some(LivingArrangement::LivingAlone)
    );
    assert_eq!(
        view.regular_contact(),
        Some(("张小明".to_owned(), "13812345678".to_owned()))
    );
    assert_eq!(
        view.emergency_contact(),
        Some(("李四".to_owned(), "139****4321".to_owned()))
    );
    assert!(view.assessment().is_none());
    assert!(view.disability().is_none());
}

#[test]
fn a_street_admin_sees_everything_masked_and_the_resident_everything() {
    let admin = user(Role::StreetAdmin, AreaKind::Street, "1/1/", None);
    let model = profile();
    let view = CareView::new(&admin, &model, d(1950, 1, 1), today());
    assert!(view.living_arrangement().is_none());
    assert_eq!(
        view.regular_contact(),
        Some(("张**".to_owned(), "138****5678".to_owned()))
    );
    let own = user(Role::Resident, AreaKind::Household, HOUSEHOLD, Some(5));
    let view = CareView::new(&own, &model, d(1950, 1, 1), today());
    let (level, _, dimensions) = view.assessment().unwrap();
    assert_eq!(
        (level, dimensions),
        (2, [Some(1), Some(2), Some(0), Some(3)])
    );
    assert_eq!(view.disability(), Some((DisabilityType::Physical, 3)));
    assert_eq!(view.emergency_contact().unwrap().1, "13987654321");
}

#[test]
fn a_child_under_14_is_hidden_from_staff_until_the_fourteenth_birthday() {
    let staff = user(Role::CommunityStaff, AreaKind::Community, "1/1/1/", None);
    let model = profile();
    let thirteen = CareView::new(&staff, &model, d(2012, 6, 16), today());
    assert!(thirteen.school().is_none());
    assert!(thirteen.guardian_relation().is_none());
    assert_eq!(
        thirteen.guardian().unwrap(),
        ("王*".to_owned(), "137****1111".to_owned())
    );
    assert!(thirteen.left_behind().is_none());
    let fourteen = CareView::new(&staff, &model, d(2012, 6, 15), today());
    assert_eq!(fourteen.school().as_deref(), Some("实验小学"));
    assert_eq!(fourteen.guardian().unwrap().0, "王芳");
    assert!(
        fourteen.left_behind().is_none(),
        "left-behind is S3 at any age"
    );
}

#[test]
fn the_front_line_records_profiles_in_its_area_only() {
    let worker = user(Role::GridWorker, AreaKind::Grid, "1/1/1/1/", None);
    assert!(may_record(&worker, HOUSEHOLD));
    assert!(!may_record(&worker, "1/1/1/2/5/"));
    let admin = user(Role::StreetAdmin, AreaKind::Street, "1/1/", None);
    assert!(!may_record(&admin, HOUSEHOLD));
}
