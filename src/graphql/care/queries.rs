//! Root fields of care profiles, and a resident's profile.

use async_graphql::{Context, ID, Object};

use entity::care_profile;

use super::filters::{CareProfileFilter, CareProfileOrder};
use super::profile::CareProfile;
use crate::error::AppResult;
use crate::graphql::context::RequestContext;
use crate::graphql::pagination::{Connection, PageArgs};
use crate::graphql::resolve::{list, lookup};

#[derive(Default)]
pub struct CareQuery;

#[Object]
impl CareQuery {
    /// A care profile by id; NOT_FOUND when it does not exist or is out of scope.
    async fn care_profile(&self, ctx: &Context<'_>, id: ID) -> AppResult<Option<CareProfile>> {
        lookup(ctx, &id).await
    }
    /// The care profiles the viewer may see (those of the residents it reaches),
    /// masked per role.
    async fn care_profiles(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
        last: Option<i32>,
        before: Option<String>,
        filter: Option<CareProfileFilter>,
        order_by: Option<CareProfileOrder>,
    ) -> AppResult<Connection<CareProfile>> {
        let args = PageArgs {
            first,
            after,
            last,
            before,
        };
        list(ctx, args, order_by, filter).await
    }
}

/// The one care profile of `resident`, if any (`resident.careProfile`), batched with
/// every other resident's.
pub async fn resident_care_profile(
    ctx: &Context<'_>,
    resident: i32,
) -> AppResult<Option<CareProfile>> {
    let request = RequestContext::of(ctx)?;
    let page = request.page(PageArgs {
        first: Some(1),
        ..Default::default()
    })?;
    let via = care_profile::Column::ResidentId;
    let order = CareProfileOrder::default();
    let found = Connection::children(
        request,
        via,
        resident,
        page,
        order,
        Default::default(),
        true,
    )
    .await?;
    Ok(found.into_nodes().into_iter().next())
}
