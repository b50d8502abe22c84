//! Points earned and redeemed per street and day of the ledger entry, kept by
//! database triggers on `points_entry` (migration m0023): what a dashboard over a
//! street or more adds up for the whole days of its period.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "rollup_points_days")]
pub struct Model {
    /// The path of the street of the entries' volunteers.
    #[sea_orm(primary_key, auto_increment = false)]
    pub street_path: String,
    /// `YYYY-MM-DD` of the entry, China Standard Time (UTC+8).
    #[sea_orm(primary_key, auto_increment = false)]
    pub day: String,
    /// Entries of any kind.
    pub entries: i64,
    /// The available change of the EARN entries.
    pub issued: i64,
    /// The held change of the REDEEM entries, negated.
    pub redeemed: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
