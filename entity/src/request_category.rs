//! 诉求分类: what a request is about (Open311-like service codes).

use sea_orm::entity::prelude::*;

use crate::request_enums::HandlingLevel;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "request_category")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    #[sea_orm(unique)]
    pub code: String,
    pub name: String,
    /// The group of categories this one belongs to (`LIVING`, `WELFARE`, …).
    pub group_code: String,
    /// Comma-separated words intake staff and classifiers match on.
    pub keywords: String,
    /// The level a new request of this category starts at.
    pub default_level: HandlingLevel,
    /// Requests of this category concern sensitive personal circumstances.
    pub sensitive: bool,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
