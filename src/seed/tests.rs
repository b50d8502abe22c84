//! Tests of the demo dataset: pure generation first, then one small load into SQLite.

use entity::{district, resident};
use migration::{Migrator, MigratorTrait};
use sea_orm::{Database, EntityTrait, PaginatorTrait};

use super::generate::{self, CommunityRows, Ids};
use super::people::REFERENCE_DATE;
use super::*;
use crate::domain::age::age_on;
use crate::domain::id_number::IdNumber;
use crate::domain::tags::ResidentTag;

/// Every community of the small shape, generated without a database.
fn small_dataset(seed: u64) -> Vec<CommunityRows> {
    let shape = Scale::Small.shape();
    let district = generate::district();
    let mut ids = Ids::default();
    let mut all = Vec::new();
    for street_no in 1..=shape.streets {
        let street = generate::street(&mut ids, &district, street_no);
        for community_no in 1..=shape.communities_per_street {
            all.push(generate::community(
                seed,
                &shape,
                &mut ids,
                &street,
                community_no,
            ));
        }
    }
    all
}

fn residents(seed: u64) -> Vec<resident::Model> {
    small_dataset(seed)
        .into_iter()
        .flat_map(|rows| rows.residents)
        .collect()
}

#[test]
fn the_same_seed_gives_the_same_residents() {
    let first = residents(DEMO_SEED);
    assert_eq!(first[..2000], residents(DEMO_SEED)[..2000]);
    assert_ne!(first[..2000], residents(DEMO_SEED + 1)[..2000]);
}

#[test]
fn id_numbers_are_valid_unique_and_agree_with_birth_and_gender() {
    let residents = residents(DEMO_SEED);
    let mut seen = std::collections::HashSet::new();
    for resident in &residents {
        let id = IdNumber::parse(&resident.id_number).expect("valid ID number");
        assert_eq!(id.birth_date(), resident.birth_date);
        assert_eq!(
            id.is_female(),
            resident.gender == entity::enums::Gender::Female
        );
        assert!(seen.insert(resident.id_number.clone()));
    }
}

#[test]
fn the_mix_of_ages_and_households_looks_like_a_real_district() {
    let residents = residents(DEMO_SEED);
    let share = |pred: &dyn Fn(&resident::Model) -> bool| {
        residents.iter().filter(|r| pred(r)).count() as f64 / residents.len() as f64
    };
    let age = |r: &resident::Model| age_on(r.birth_date, REFERENCE_DATE);
    let has = |r: &resident::Model, tag| r.tags & ResidentTag::bits_of(&[tag]) != 0;
    let per_household = residents.len() as f64 / Scale::Small.shape().households() as f64;
    let checks = [
        ("residents per household", per_household, 2.3, 2.8),
        ("aged 60+", share(&|r| age(r) >= 60), 0.17, 0.24),
        ("aged 80+", share(&|r| age(r) >= 80), 0.035, 0.07),
        ("under 18", share(&|r| age(r) < 18), 0.12, 0.18),
        ("party members", share(&|r| r.is_party_member), 0.06, 0.10),
        (
            "disabled",
            share(&|r| has(r, ResidentTag::Disabled)),
            0.015,
            0.025,
        ),
        (
            "low income",
            share(&|r| has(r, ResidentTag::LowIncome)),
            0.02,
            0.04,
        ),
        (
            "veterans",
            share(&|r| has(r, ResidentTag::Veteran)),
            0.01,
            0.03,
        ),
        (
            "living alone",
            share(&|r| has(r, ResidentTag::LivingAlone)),
            0.02,
            0.06,
        ),
        (
            "left-behind",
            share(&|r| has(r, ResidentTag::LeftBehindChild)),
            0.003,
            0.03,
        ),
    ];
    for (what, value, _, _) in checks {
        eprintln!("{what}: {value:.3}");
    }
    for (what, value, low, high) in checks {
        assert!(
            (low..=high).contains(&value),
            "{what}: {value:.3} not in {low}..={high}"
        );
    }
    assert!(residents.iter().all(|r| age(r) >= 16 || r.phone.is_none()));
}

#[tokio::test]
async fn a_small_seed_fills_an_empty_sqlite_database() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}?mode=rwc", dir.path().join("seed.db").display());
    let db = Database::connect(&url).await.unwrap();
    Migrator::up(&db, None).await.unwrap();
    assert!(is_empty(&db).await.unwrap());

    let shape = Shape {
        streets: 2,
        communities_per_street: 2,
        grids_per_community: 2,
        ..Scale::Small.shape()
    };
    let report = seed(&db, &shape, DEMO_SEED).await.unwrap();

    assert!(!is_empty(&db).await.unwrap());
    assert_eq!(report.households, shape.households());
    assert_eq!(report.grids, 8);
    assert_eq!(district::Entity::find().count(&db).await.unwrap(), 1);
    assert_eq!(
        resident::Entity::find().count(&db).await.unwrap(),
        report.residents
    );
    let last = resident::Entity::find_by_id(report.residents as i32)
        .one(&db)
        .await
        .unwrap()
        .unwrap();
    assert!(last.area_path.starts_with("1/") && last.area_path.matches('/').count() == 7);
}
