//! The rollups the database triggers keep (m0020) against the rows they count, after
//! the seed and after residents and households are added in bulk, born on the days an
//! age threshold falls on, moved, re-dated and removed; and the population a district
//! admin reads from them against a count made here.

use std::collections::BTreeMap;

use chrono::{Datelike, Days, Months, NaiveDate};
use entity::enums::{Gender, HouseholdRelation, ResidenceStatus};
use entity::{
    household, resident, rollup_building_households, rollup_grid_households, rollup_resident_births,
};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, QueryOrder, Set};
use serde_json::Value;

use crate::dashboard::{PEOPLE, POPULATION, period, population_under};
use crate::harness::{Fixture, TestApp};
use crate::requests_support::gid;

const COVERAGE: &str = "query($area: ID!, $from: DateTime!, $to: DateTime!) {
    dashboard(areaId: $area, from: $from, to: $to) {
        services { facilityCoverage { numerator denominator } } } }";

/// The first `n` segments of a path (`1/3/` of `1/3/20/200/`).
fn prefix(path: &str, n: usize) -> String {
    let end = path.match_indices('/').nth(n - 1).unwrap().0;
    path[..=end].to_owned()
}

/// Both rollups as they must be: counted here from the rows.
async fn assert_rollups_match_the_rows(app: &TestApp) {
    let db = &app.state.db;
    let mut births: BTreeMap<(String, String), i64> = BTreeMap::new();
    for row in resident::Entity::find().all(db).await.unwrap() {
        let key = (
            prefix(&row.area_path, 2),
            row.birth_date.format("%Y-%m").to_string(),
        );
        *births.entry(key).or_default() += 1;
    }
    // A key whose rows all left keeps a row of 0: the same as no row.
    let kept: BTreeMap<(String, String), i64> = rollup_resident_births::Entity::find()
        .all(db)
        .await
        .unwrap()
        .into_iter()
        .filter(|row| row.residents != 0)
        .map(|row| ((row.street_path, row.birth_month), row.residents))
        .collect();
    assert_eq!(kept, births, "births per street and month");

    let homes = household::Entity::find().all(db).await.unwrap();
    let per = |segments: usize| {
        let mut counts: BTreeMap<String, i64> = BTreeMap::new();
        for row in &homes {
            *counts.entry(prefix(&row.path, segments)).or_default() += 1;
        }
        counts
    };
    let kept: BTreeMap<String, i64> = rollup_grid_households::Entity::find()
        .all(db)
        .await
        .unwrap()
        .into_iter()
        .filter(|row| row.households != 0)
        .map(|row| (row.grid_path, row.households))
        .collect();
    assert_eq!(kept, per(4), "households per grid");
    let kept: BTreeMap<String, i64> = rollup_building_households::Entity::find()
        .all(db)
        .await
        .unwrap()
        .into_iter()
        .filter(|row| row.households != 0)
        .map(|row| (row.building_path, row.households))
        .collect();
    assert_eq!(kept, per(5), "households per building");
}

fn born(app: &TestApp, years: u32, days_later: u64) -> NaiveDate {
    let cut = app
        .state
        .clock
        .today()
        .checked_sub_months(Months::new(years * 12))
        .unwrap();
    cut.checked_add_days(Days::new(days_later)).unwrap()
}

fn resident_of(household: &household::Model, n: usize, birth: NaiveDate) -> resident::ActiveModel {
    resident::ActiveModel {
        household_id: Set(household.id),
        area_path: Set(household.path.clone()),
        name: Set(format!("Rollup {n}")),
        gender: Set(if n.is_multiple_of(2) {
            Gender::Male
        } else {
            Gender::Female
        }),
        birth_date: Set(birth),
        id_number: Set(format!("R{n:017}")),
        phone: Set(None),
        relation: Set(HouseholdRelation::Other),
        tags: Set(0),
        is_party_member: Set(false),
        moved_in_on: Set(None),
        moved_out_on: Set(None),
        ..Default::default()
    }
}

async fn population_shown(app: &TestApp, token: &str, area: &str) -> Value {
    let (_, body) = app.graphql_as(token, POPULATION, period(app, area)).await;
    body["data"]["dashboard"]["population"].clone()
}

/// The population figures of `shown` equal the count made here under `path`.
async fn assert_population(app: &TestApp, shown: &Value, path: &str) {
    let expected = population_under(app, path).await;
    for key in PEOPLE {
        assert_eq!(
            shown[key]["value"], expected[key],
            "{key} under {path}: {shown}"
        );
    }
}

#[tokio::test]
async fn rollups_follow_every_change_of_the_rows_they_count() {
    let app = TestApp::seeded(Fixture::Tiny).await;
    let db = &app.state.db;
    assert_rollups_match_the_rows(&app).await;

    let homes = household::Entity::find()
        .order_by_asc(household::Column::Id)
        .all(db)
        .await
        .unwrap();
    let (first, last) = (&homes[0], homes.last().unwrap());
    assert_ne!(prefix(&first.path, 2), prefix(&last.path, 2), "two streets");

    // One statement of many rows, born on either side of each threshold and on the
    // first and last day of its month.
    let mut births = Vec::new();
    for years in [18, 60, 80] {
        let cut = born(&app, years, 0);
        births.extend([cut, born(&app, years, 1)]);
        births.push(cut.checked_sub_days(Days::new(1)).unwrap());
        births.push(cut.with_day0(0).unwrap());
        births.push(
            cut.with_day0(0)
                .unwrap()
                .checked_add_months(Months::new(1))
                .unwrap()
                .pred_opt()
                .unwrap(),
        );
    }
    let rows: Vec<_> = births
        .iter()
        .enumerate()
        .map(|(n, birth)| resident_of(if n % 3 == 0 { last } else { first }, n, *birth))
        .collect();
    resident::Entity::insert_many(rows).exec(db).await.unwrap();
    assert_rollups_match_the_rows(&app).await;

    // Re-dated, moved to the other street, removed: each one row, then many at once.
    let added = resident::Entity::find()
        .filter(resident::Column::Name.starts_with("Rollup "))
        .order_by_asc(resident::Column::Id)
        .all(db)
        .await
        .unwrap();
    let mut redated: resident::ActiveModel = added[0].clone().into();
    redated.birth_date = Set(born(&app, 80, 40));
    redated.update(db).await.unwrap();
    let mut moved: resident::ActiveModel = added[1].clone().into();
    moved.household_id = Set(last.id);
    moved.area_path = Set(last.path.clone());
    moved.update(db).await.unwrap();
    resident::Entity::delete_by_id(added[2].id)
        .exec(db)
        .await
        .unwrap();
    // An update of other columns leaves the rollups as they are.
    resident::Entity::update_many()
        .col_expr(resident::Column::Tags, sea_orm::sea_query::Expr::value(3))
        .filter(resident::Column::Name.starts_with("Rollup "))
        .exec(db)
        .await
        .unwrap();
    assert_rollups_match_the_rows(&app).await;
    resident::Entity::update_many()
        .col_expr(
            resident::Column::BirthDate,
            sea_orm::sea_query::Expr::value(born(&app, 60, 0)),
        )
        .filter(resident::Column::Id.is_in([added[3].id, added[4].id, added[5].id]))
        .exec(db)
        .await
        .unwrap();
    assert_rollups_match_the_rows(&app).await;

    // A new household, and one removed once its people are gone.
    let new_home = household::ActiveModel {
        unit_id: Set(first.unit_id),
        code: Set("ROLLUP-1".into()),
        room: Set("9901".into()),
        residence_status: Set(ResidenceStatus::RegisteredAndLiving),
        registered_address: Set(None),
        path: Set(format!("{}99001/", prefix(&first.path, 6))),
        ..Default::default()
    }
    .insert(db)
    .await
    .unwrap();
    assert_rollups_match_the_rows(&app).await;
    household::Entity::delete_by_id(new_home.id)
        .exec(db)
        .await
        .unwrap();
    assert_rollups_match_the_rows(&app).await;

    // The district admin's figures come from the rollups; they are the rows' counts.
    let admin = app.token_for("admin", &["DISTRICT_ADMIN:district:1"]).await;
    let district = population_shown(&app, &admin, &gid("District", 1)).await;
    assert_population(&app, &district, "1/").await;
    let street = population_shown(&app, &admin, &gid("Street", 1)).await;
    assert_population(&app, &street, "1/1/").await;
    // The facility coverage weighs the buildings by the households rollup's counts.
    let (_, body) = app
        .graphql_as(&admin, COVERAGE, period(&app, &gid("District", 1)))
        .await;
    let coverage = &body["data"]["dashboard"]["services"]["facilityCoverage"];
    assert_eq!(
        coverage["denominator"], district["households"]["value"],
        "{body}"
    );
    // A grid worker counts their grid's rows: no rollup, the same answer as the rows.
    let worker = app.token_for("worker", &["GRID_WORKER:grid:1"]).await;
    let grid = population_shown(&app, &worker, &gid("Grid", 1)).await;
    assert_population(&app, &grid, "1/1/1/1/").await;
}
