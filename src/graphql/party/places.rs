//! `grid.partyBranch` and `community.partyCommittee`: the active organisation of a type
//! attached to an area, batched over every area of a request in one statement per type.

use std::collections::HashMap;

use async_graphql::Context;
use async_graphql::dataloader::Loader;
use sea_orm::{ColumnTrait, QueryFilter, QueryOrder};

use entity::party_organization::{self, Column, PartyOrgStatus, PartyOrgType};

use super::PartyOrganization;
use crate::access;
use crate::error::{AppError, AppResult};
use crate::graphql::RequestContext;
use crate::graphql::pagination::DbLoader;

/// The organisation of `org_type` attached to the area `area_id` of `area_kind`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct OrganizationOf {
    pub area_kind: &'static str,
    pub org_type: PartyOrgType,
    pub area_id: i32,
}

impl Loader<OrganizationOf> for DbLoader {
    type Value = PartyOrganization;
    type Error = AppError;

    async fn load(
        &self,
        keys: &[OrganizationOf],
    ) -> AppResult<HashMap<OrganizationOf, PartyOrganization>> {
        self.batch_sizes.record(keys.len());
        let mut groups: HashMap<(&'static str, PartyOrgType), Vec<i32>> = HashMap::new();
        for key in keys {
            groups
                .entry((key.area_kind, key.org_type))
                .or_default()
                .push(key.area_id);
        }
        let mut found = HashMap::new();
        for ((area_kind, org_type), areas) in groups {
            let rows = access::visible::<party_organization::Entity>(&self.viewer)
                .filter(Column::AreaKind.eq(area_kind))
                .filter(Column::OrgType.eq(org_type))
                .filter(Column::Status.eq(PartyOrgStatus::Active))
                .filter(Column::AreaId.is_in(areas))
                .order_by_desc(Column::Id)
                .all(&self.db)
                .await?;
            // Newest last, so the newest organisation of an area wins.
            for row in rows.into_iter().rev() {
                let key = OrganizationOf {
                    area_kind,
                    org_type,
                    area_id: row.area_id,
                };
                found.insert(key, PartyOrganization(row));
            }
        }
        Ok(found)
    }
}

/// The active organisation of `org_type` attached to an area, if the viewer sees it.
pub async fn organization_of(
    ctx: &Context<'_>,
    area_kind: &'static str,
    org_type: PartyOrgType,
    area_id: i32,
) -> AppResult<Option<PartyOrganization>> {
    let key = OrganizationOf {
        area_kind,
        org_type,
        area_id,
    };
    RequestContext::of(ctx)?.loader.load_one(key).await
}

/// `grid.partyBranch`.
pub async fn party_branch(ctx: &Context<'_>, grid: i32) -> AppResult<Option<PartyOrganization>> {
    organization_of(ctx, "grid", PartyOrgType::Branch, grid).await
}

/// `community.partyCommittee`.
pub async fn party_committee(
    ctx: &Context<'_>,
    community: i32,
) -> AppResult<Option<PartyOrganization>> {
    organization_of(ctx, "community", PartyOrgType::Committee, community).await
}
