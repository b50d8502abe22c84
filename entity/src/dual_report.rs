//! 双报到: an in-service party member, or the party organisation of a co-building unit,
//! registered with a residential community (`community_id`, whose path scopes it) from
//! `registered_on` until `ended_on`, with the volunteer post it took, the co-building
//! project it claimed, and the hours served so far (in tenths of an hour).

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "dual_report")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub member_id: Option<i32>,
    pub organization_id: Option<i32>,
    pub community_id: i32,
    pub area_path: String,
    pub volunteer_post: Option<String>,
    pub project_id: Option<i32>,
    pub registered_on: Date,
    pub ended_on: Option<Date>,
    pub hours_tenths: i32,
    pub created_at: DateTimeUtc,
    pub version: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
