//! Root fields of mediation cases.

use async_graphql::{Context, ID, Object};

use super::case::MediationCase;
use super::filters::{MediationCaseFilter, MediationCaseOrder};
use crate::error::AppResult;
use crate::graphql::pagination::{Connection, PageArgs};
use crate::graphql::resolve::{list, lookup};

#[derive(Default)]
pub struct MediationQuery;

#[Object]
impl MediationQuery {
    /// A mediation case by id; NOT_FOUND when it does not exist or is out of scope.
    async fn mediation_case(&self, ctx: &Context<'_>, id: ID) -> AppResult<Option<MediationCase>> {
        lookup(ctx, &id).await
    }
    /// The mediation cases the viewer may see, paged: the community's and the grid's
    /// people see every case of their area, a street's staff the major ones.
    async fn mediation_cases(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
        last: Option<i32>,
        before: Option<String>,
        filter: Option<MediationCaseFilter>,
        order_by: Option<MediationCaseOrder>,
    ) -> AppResult<Connection<MediationCase>> {
        let args = PageArgs {
            first,
            after,
            last,
            before,
        };
        list(ctx, args, order_by, filter).await
    }
}
