//! 党组织: a party organisation, one node of the tree (a community's committee, a grid's
//! branch, a group). It serves an area (`area_kind`, `area_id`, `area_path`, which
//! scopes it) and may belong to a co-building unit.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "party_organization")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    /// The organisation above it; `None` at the top of a tree.
    pub parent_id: Option<i32>,
    pub name: String,
    pub org_type: PartyOrgType,
    /// The table name of the area kind (`street`, `community`, `grid`, `building`).
    pub area_kind: String,
    pub area_id: i32,
    pub area_path: String,
    pub co_building_unit_id: Option<i32>,
    pub secretary_user_id: Option<i32>,
    pub founded_on: Date,
    pub status: PartyOrgStatus,
    pub version: i32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(16))")]
pub enum PartyOrgType {
    /// 党委, including a community's 大党委 and a street's 大工委.
    #[sea_orm(string_value = "COMMITTEE")]
    Committee,
    /// 党总支
    #[sea_orm(string_value = "GENERAL_BRANCH")]
    GeneralBranch,
    /// 党支部, e.g. a grid's party branch.
    #[sea_orm(string_value = "BRANCH")]
    Branch,
    /// 党小组
    #[sea_orm(string_value = "GROUP")]
    Group,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(16))")]
pub enum PartyOrgStatus {
    #[sea_orm(string_value = "ACTIVE")]
    Active,
    #[sea_orm(string_value = "DISSOLVED")]
    Dissolved,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
