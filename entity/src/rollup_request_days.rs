//! Requests per street and day of submission with the dashboard's additive sums, kept
//! by database triggers on `request` (migration m0022): what a dashboard over a
//! street or more adds up for the whole days of its period.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "rollup_request_days")]
pub struct Model {
    /// The path of the street the requests are about.
    #[sea_orm(primary_key, auto_increment = false)]
    pub street_path: String,
    /// `YYYY-MM-DD` of submission, China Standard Time (UTC+8).
    #[sea_orm(primary_key, auto_increment = false)]
    pub day: String,
    pub submitted: i64,
    pub responded: i64,
    pub closed: i64,
    pub solved: i64,
    pub evaluated: i64,
    pub satisfied: i64,
    pub on_time: i64,
    pub escalated: i64,
    pub reworked: i64,
    pub extended: i64,
    pub repeated: i64,
    pub closed_below: i64,
    pub closed_within: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
