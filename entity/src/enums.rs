//! Enumerations stored as short strings, so the database stays readable and a new value
//! needs no schema change.

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

/// How a grid is staffed: a base grid of households, or a dedicated grid for a large site
/// (a school, a hospital, an industrial park).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(16))")]
pub enum GridKind {
    #[sea_orm(string_value = "BASE")]
    Base,
    #[sea_orm(string_value = "DEDICATED")]
    Dedicated,
}

/// Whether a household's registration (户籍) and its actual residence coincide.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(24))")]
pub enum ResidenceStatus {
    /// 人户一致
    #[sea_orm(string_value = "REGISTERED_AND_LIVING")]
    RegisteredAndLiving,
    /// 人在户不在
    #[sea_orm(string_value = "LIVING_NOT_REGISTERED")]
    LivingNotRegistered,
    /// 户在人不在
    #[sea_orm(string_value = "REGISTERED_NOT_LIVING")]
    RegisteredNotLiving,
}

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(8))")]
pub enum Gender {
    #[sea_orm(string_value = "MALE")]
    Male,
    #[sea_orm(string_value = "FEMALE")]
    Female,
}

/// A resident's relation to the head of their household.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(16))")]
pub enum HouseholdRelation {
    #[sea_orm(string_value = "HEAD")]
    Head,
    #[sea_orm(string_value = "SPOUSE")]
    Spouse,
    #[sea_orm(string_value = "CHILD")]
    Child,
    #[sea_orm(string_value = "PARENT")]
    Parent,
    #[sea_orm(string_value = "GRANDCHILD")]
    Grandchild,
    #[sea_orm(string_value = "GRANDPARENT")]
    Grandparent,
    #[sea_orm(string_value = "SIBLING")]
    Sibling,
    #[sea_orm(string_value = "TENANT")]
    Tenant,
    #[sea_orm(string_value = "OTHER")]
    Other,
}

/// Whether an account (user or API client) may sign in.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(16))")]
pub enum AccountStatus {
    #[sea_orm(string_value = "ACTIVE")]
    Active,
    #[sea_orm(string_value = "DISABLED")]
    Disabled,
}
