//! The deterministic demo dataset: one district (区) of streets, communities, grids,
//! buildings, units, households and their residents, with realistic Chinese names,
//! valid ID numbers and an age mix a community worker would recognise.
//!
//! Rows are generated and inserted one community at a time inside one transaction, in
//! multi-row INSERTs sized to the backend's bind-parameter limit, so memory stays small
//! even at city scale (about 4.8 million residents). The same shape and seed always
//! produce identical rows (see [`rng`]).

pub mod activity;
pub mod cobuild;
mod facilities;
mod generate;
mod identity;
pub mod mediation;
mod names;
mod party;
mod people;
pub mod points;
mod posts;
pub mod requests;
mod rng;
pub mod services;
#[cfg(test)]
mod tests;
pub mod visits;

use entity::{building, community, district, facility, grid, household, resident, street, unit};
use sea_orm::{
    ActiveModelTrait, ConnectionTrait, DatabaseBackend, DatabaseConnection, DatabaseTransaction,
    EntityName, EntityTrait, Insert, IntoActiveModel, Iterable, TransactionTrait,
};

use crate::error::{AppError, AppResult};
use generate::{CommunityRows, Ids};

/// The seed of the dataset shipped as the demo.
pub const DEMO_SEED: u64 = 20261123;

/// How large a demo to load.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum Scale {
    /// 2 streets, 40 grids, about 20 000 households: quick to load, enough to explore.
    Small,
    /// A real district: 5 streets, 500 grids, about 190 000 households.
    District,
    /// Ten districts' worth in one: 50 streets, about 1.9 million households.
    City,
}

/// How many children each level of the territory tree has.
#[derive(Debug, Clone)]
pub struct Shape {
    pub streets: u32,
    pub communities_per_street: u32,
    pub grids_per_community: u32,
    pub buildings_per_grid: u32,
    pub units_per_building: u32,
    pub households_per_unit: u32,
}

impl Scale {
    pub fn shape(self) -> Shape {
        // Grids hold 8 × 4 × 16 = 512 or 8 × 4 × 12 = 384 households, about the 400-700
        // a grid worker can know by name.
        let (streets, communities_per_street, households_per_unit) = match self {
            Scale::Small => (2, 2, 16),
            Scale::District => (5, 10, 12),
            Scale::City => (50, 10, 12),
        };
        Shape {
            streets,
            communities_per_street,
            grids_per_community: 10,
            buildings_per_grid: 8,
            units_per_building: 4,
            households_per_unit,
        }
    }
}

impl Shape {
    pub fn households(&self) -> u64 {
        [
            self.streets,
            self.communities_per_street,
            self.grids_per_community,
            self.buildings_per_grid,
            self.units_per_building,
            self.households_per_unit,
        ]
        .iter()
        .map(|n| u64::from(*n))
        .product()
    }
}

/// How many rows of each table were inserted.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SeedReport {
    pub districts: u64,
    pub streets: u64,
    pub communities: u64,
    pub grids: u64,
    pub buildings: u64,
    pub units: u64,
    pub households: u64,
    pub residents: u64,
}

/// True when the database holds no district, i.e. no territory at all.
pub async fn is_empty(db: &DatabaseConnection) -> AppResult<bool> {
    Ok(district::Entity::find().one(db).await?.is_none())
}

/// Loads the dataset of `shape` into an empty database, in one transaction.
pub async fn seed(db: &DatabaseConnection, shape: &Shape, seed: u64) -> AppResult<SeedReport> {
    // Five residents per household at most; beyond CAPACITY ID numbers would repeat.
    if shape.households() * 5 > u64::from(identity::CAPACITY) {
        return Err(AppError::bad_input(
            "the demo shape is too large for unique ID numbers",
        ));
    }
    let txn = db.begin().await?;
    let district = generate::district();
    insert(&txn, vec![district.clone()]).await?;
    let mut ids = Ids::default();
    for street_no in 1..=shape.streets {
        let street = generate::street(&mut ids, &district, street_no);
        insert(&txn, vec![street.clone()]).await?;
        for community_no in 1..=shape.communities_per_street {
            let rows = generate::community(seed, shape, &mut ids, &street, community_no);
            insert_community(&txn, rows).await?;
        }
    }
    if txn.get_database_backend() == DatabaseBackend::Postgres {
        reset_territory_sequences(&txn).await?;
    }
    // After the sequences: these rows take their ids from them.
    party::insert_organizations(&txn).await?;
    posts::insert_posts(&txn).await?;
    party::insert_members(&txn).await?;
    services::insert_opening_hours(&txn).await?;
    txn.commit().await?;
    Ok(report(&ids))
}

async fn insert_community(txn: &DatabaseTransaction, rows: CommunityRows) -> AppResult<()> {
    insert(txn, rows.community).await?;
    insert(txn, rows.grids).await?;
    insert(txn, rows.buildings).await?;
    insert(txn, rows.units).await?;
    insert(txn, rows.households).await?;
    insert(txn, rows.residents).await?;
    insert(txn, rows.facilities).await
}

/// Inserts `rows` in as few statements as the backend's bind-parameter limit allows.
pub(crate) async fn insert<A, M>(txn: &DatabaseTransaction, rows: Vec<M>) -> AppResult<()>
where
    A: ActiveModelTrait + Send,
    M: IntoActiveModel<A> + Send,
{
    let limit = match txn.get_database_backend() {
        DatabaseBackend::Postgres => 65_535,
        _ => 32_766,
    };
    let per_statement = limit / <A::Entity as EntityTrait>::Column::iter().count();
    let mut rows = rows.into_iter().peekable();
    while rows.peek().is_some() {
        let chunk: Vec<M> = rows.by_ref().take(per_statement).collect();
        Insert::many(chunk).exec_without_returning(txn).await?;
    }
    Ok(())
}

/// Rows were inserted with explicit ids, which PostgreSQL sequences do not see; move
/// each sequence past the largest id so later inserts do not collide.
async fn reset_territory_sequences(txn: &DatabaseTransaction) -> AppResult<()> {
    let tables = [
        district::Entity.table_name(),
        street::Entity.table_name(),
        community::Entity.table_name(),
        grid::Entity.table_name(),
        building::Entity.table_name(),
        unit::Entity.table_name(),
        household::Entity.table_name(),
        resident::Entity.table_name(),
        facility::Entity.table_name(),
    ];
    reset_sequences(txn, &tables).await
}

/// Rows went in with explicit ids, which PostgreSQL sequences do not see: move the
/// sequence of each of `tables` past its largest id so later inserts do not collide.
pub(crate) async fn reset_sequences(txn: &DatabaseTransaction, tables: &[&str]) -> AppResult<()> {
    if txn.get_database_backend() != DatabaseBackend::Postgres {
        return Ok(());
    }
    for table in tables {
        txn.execute_unprepared(&format!(
            "SELECT setval(pg_get_serial_sequence('{table}', 'id'), MAX(id)) FROM {table} \
             HAVING MAX(id) IS NOT NULL"
        ))
        .await?;
    }
    Ok(())
}

fn report(ids: &Ids) -> SeedReport {
    let count = |last: i32| u64::try_from(last).unwrap_or(0);
    SeedReport {
        districts: 1,
        streets: count(ids.street),
        communities: count(ids.community),
        grids: count(ids.grid),
        buildings: count(ids.building),
        units: count(ids.unit),
        households: count(ids.household),
        residents: count(ids.resident),
    }
}
