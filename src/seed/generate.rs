//! The territory rows of the demo dataset, one community at a time: the community, its
//! grids, buildings, units, households and residents. Ids are handed out in traversal
//! order from [`Ids`], so the same shape and seed always give the same rows.

use entity::enums::{GridKind, ResidenceStatus};
use entity::{building, community, district, facility, grid, household, resident, street, unit};

use super::Shape;
use super::names::{COMMUNITIES, HOMETOWNS, ROADS, STREETS};
use super::people;
use super::rng::{Rng, Stream};

const DISTRICT_CODE: &str = "110105";
const MERGED_GRIDS: &str = "PARTY,GOVERNANCE,POLICE,CIVIL_AFFAIRS,CITY_MANAGEMENT";

/// The last id used in each table.
#[derive(Debug, Default, Clone)]
pub struct Ids {
    pub street: i32,
    pub community: i32,
    pub grid: i32,
    pub building: i32,
    pub unit: i32,
    pub household: i32,
    pub resident: i32,
    pub facility: i32,
}

/// Everything below one community, ready to insert parents first.
#[derive(Default)]
pub struct CommunityRows {
    pub community: Vec<community::Model>,
    pub grids: Vec<grid::Model>,
    pub buildings: Vec<building::Model>,
    pub units: Vec<unit::Model>,
    pub households: Vec<household::Model>,
    pub residents: Vec<resident::Model>,
    pub facilities: Vec<facility::Model>,
}

pub fn district() -> district::Model {
    district::Model {
        id: 1,
        code: DISTRICT_CODE.into(),
        name: "朝阳区".into(),
        path: "1/".into(),
    }
}

/// Street `number` (1-based) of the district.
pub fn street(ids: &mut Ids, district: &district::Model, number: u32) -> street::Model {
    ids.street += 1;
    let base = STREETS[(number as usize - 1) % STREETS.len()];
    let name = match (number as usize - 1) / STREETS.len() {
        0 => format!("{base}街道"),
        round => format!("{base}第{}街道", round + 1),
    };
    street::Model {
        id: ids.street,
        district_id: district.id,
        code: format!("{}{number:03}", district.code),
        name,
        path: format!("{}{}/", district.path, ids.street),
    }
}

/// Community `number` (1-based) of `street`, with everything in it.
pub fn community(
    seed: u64,
    shape: &Shape,
    ids: &mut Ids,
    street: &street::Model,
    number: u32,
) -> CommunityRows {
    ids.community += 1;
    let mut rng = Rng::new(seed, Stream::Community, ids.community);
    let address = format!("{}{}号", rng.pick(&ROADS), rng.between(1, 300));
    // Streets start at different points of the list so neighbouring streets differ.
    let name_index = (street.id as usize * 7 + number as usize) % COMMUNITIES.len();
    // In units of 0.0001 degree, so coordinates print without binary noise.
    let centre = (
        399_000 + rng.between(-1500, 1500),
        1_164_000 + rng.between(-2000, 2000),
    );
    let community = community::Model {
        id: ids.community,
        street_id: street.id,
        code: format!("{}{number:03}", street.code),
        name: format!("{}社区", COMMUNITIES[name_index]),
        address: Some(address.clone()),
        path: format!("{}{}/", street.path, ids.community),
    };
    let mut rows = CommunityRows::default();
    for grid_no in 1..=shape.grids_per_community {
        ids.grid += 1;
        let grid = grid::Model {
            id: ids.grid,
            community_id: community.id,
            code: format!("{}{grid_no:03}", community.code),
            name: format!("第{grid_no}网格"),
            // Every tenth grid serves a large site (a school, a hospital) on its own.
            kind: if grid_no % 10 == 0 {
                GridKind::Dedicated
            } else {
                GridKind::Base
            },
            merged_grids: MERGED_GRIDS.into(),
            path: format!("{}{}/", community.path, ids.grid),
        };
        for building_no in 1..=shape.buildings_per_grid {
            let number = (grid_no - 1) * shape.buildings_per_grid + building_no;
            add_building(
                seed,
                shape,
                ids,
                &mut rows,
                &grid,
                (&address, centre),
                number,
            );
        }
        rows.grids.push(grid);
    }
    rows.facilities = super::facilities::for_community(ids, &community, &address, centre);
    rows.community.push(community);
    rows
}

fn add_building(
    seed: u64,
    shape: &Shape,
    ids: &mut Ids,
    rows: &mut CommunityRows,
    grid: &grid::Model,
    (community_address, centre): (&str, (i32, i32)),
    number: u32,
) {
    ids.building += 1;
    let mut rng = Rng::new(seed, Stream::Building, ids.building);
    // Walk-ups, mid-rise slabs and towers, as in a Beijing residential district.
    let floors = match rng.weighted(&[30, 40, 30]) {
        0 => rng.between(6, 7),
        1 => rng.between(12, 18),
        _ => rng.between(20, 33),
    };
    let building = building::Model {
        id: ids.building,
        grid_id: grid.id,
        code: format!("{}{:03}", grid.code, number % 1000),
        name: format!("{number}号楼"),
        address: format!("{community_address}院{number}号楼"),
        floors,
        latitude: Some(f64::from(centre.0 + rng.between(-40, 40)) / 10_000.0),
        longitude: Some(f64::from(centre.1 + rng.between(-40, 40)) / 10_000.0),
        path: format!("{}{}/", grid.path, ids.building),
    };
    for unit_no in 1..=shape.units_per_building {
        ids.unit += 1;
        let unit = unit::Model {
            id: ids.unit,
            building_id: building.id,
            code: format!("{}{unit_no:02}", building.code),
            unit_no: unit_no as i32,
            name: format!("{unit_no}单元"),
            path: format!("{}{}/", building.path, ids.unit),
        };
        let per_floor = shape.households_per_unit.div_ceil(floors as u32);
        for flat in 0..shape.households_per_unit {
            let room = (flat / per_floor + 1) * 100 + flat % per_floor + 1;
            add_household(seed, ids, rows, &unit, room);
        }
        rows.units.push(unit);
    }
    rows.buildings.push(building);
}

fn add_household(
    seed: u64,
    ids: &mut Ids,
    rows: &mut CommunityRows,
    unit: &unit::Model,
    room: u32,
) {
    ids.household += 1;
    let mut rng = Rng::new(seed, Stream::Household, ids.household);
    let (residence_status, registered_address) = match rng.weighted(&[88, 8, 4]) {
        0 => (ResidenceStatus::RegisteredAndLiving, None),
        1 => {
            let hometown = rng.pick(&HOMETOWNS);
            let address = format!("{hometown}{}{}号", rng.pick(&ROADS), rng.between(1, 200));
            (ResidenceStatus::LivingNotRegistered, Some(address))
        }
        _ => (ResidenceStatus::RegisteredNotLiving, None),
    };
    let household = household::Model {
        id: ids.household,
        unit_id: unit.id,
        code: format!("{}{room:04}", unit.code),
        room: room.to_string(),
        residence_status,
        registered_address,
        path: format!("{}{}/", unit.path, ids.household),
    };
    people::add_residents(
        seed,
        &mut rng,
        &household,
        &mut ids.resident,
        &mut rows.residents,
    );
    rows.households.push(household);
}
