//! Honours (荣誉) in the API: the `Honour` node, the `honours` list, and the
//! `nominateHonour` / `decideHonour` mutations (two keepers).

use async_graphql::{Context, ID, InputObject, Object, SimpleObject};
use chrono::{DateTime, Utc};
use sea_orm::ColumnTrait;
use sea_orm::sea_query::Condition;

use entity::honour;

use crate::error::AppResult;
use crate::graphql::ids::{self, NodeKind};
use crate::graphql::macros::{mirror_enum, order_enum, resource};
use crate::graphql::mutation::change;
use crate::graphql::pagination::{Connection, FilterEnv, PageArgs};
use crate::graphql::resolve::{by_id, list, lookup};
use crate::graphql::territory::{Resident, under_area};
use crate::service::points::honours;

mirror_enum! {
    /// Where an honour stands.
    HonourStatus = entity::honour::HonourStatus {
        /// Nominated, waiting for a second keeper.
        Nominated,
        /// Conferred.
        Approved,
        /// Turned down.
        Rejected,
    }
}

/// Which honours to list.
#[derive(InputObject, Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct HonourFilter {
    /// Only honours of residents living anywhere under this area.
    pub area_id: Option<ID>,
    /// Only honours in this status.
    pub status: Option<HonourStatus>,
}

impl HonourFilter {
    pub fn condition(&self, _env: FilterEnv) -> AppResult<Condition> {
        let mut condition = under_area(honour::Column::AreaPath, self.area_id.as_ref())?;
        if let Some(status) = self.status {
            let status = entity::honour::HonourStatus::from(status);
            condition = condition.add(honour::Column::Status.eq(status));
        }
        Ok(condition)
    }
}

order_enum! {
    /// How to order honours.
    HonourOrder for honour {}
}

/// An honour for a resident (e.g. 最美三长, 好邻居).
#[derive(Clone)]
pub struct Honour(pub honour::Model);
resource!(Honour, honour, HonourOrder, HonourFilter);

#[Object]
impl Honour {
    /// Opaque global id.
    pub async fn id(&self) -> ID {
        ids::encode(NodeKind::Honour, self.0.id)
    }
    /// Send it back to `decideHonour`: a stale version is a CONFLICT.
    async fn version(&self) -> i32 {
        self.0.version
    }
    /// The honour's name.
    async fn title(&self) -> &str {
        &self.0.title
    }
    /// Why the resident was nominated.
    async fn reason(&self) -> &str {
        &self.0.reason
    }
    /// Where it stands.
    async fn status(&self) -> HonourStatus {
        self.0.status.into()
    }
    /// When it was nominated.
    async fn nominated_at(&self) -> DateTime<Utc> {
        self.0.created_at
    }
    /// When it was decided.
    async fn decided_at(&self) -> Option<DateTime<Utc>> {
        self.0.decided_at
    }
    /// The resident, masked by the access policy.
    async fn resident(&self, ctx: &Context<'_>) -> AppResult<Option<Resident>> {
        by_id(ctx, self.0.resident_id).await
    }
}

#[derive(Default)]
pub struct HonoursQuery;

#[Object]
impl HonoursQuery {
    /// An honour by id.
    async fn honour(&self, ctx: &Context<'_>, id: ID) -> AppResult<Option<Honour>> {
        lookup(ctx, &id).await
    }
    /// The honours the viewer may see.
    async fn honours(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
        last: Option<i32>,
        before: Option<String>,
        filter: Option<HonourFilter>,
        order_by: Option<HonourOrder>,
    ) -> AppResult<Connection<Honour>> {
        let args = PageArgs {
            first,
            after,
            last,
            before,
        };
        list(ctx, args, order_by, filter).await
    }
}

/// A resident nominated for an honour.
#[derive(InputObject)]
pub struct NominateHonourInput {
    pub resident_id: ID,
    /// 1 to 64 characters, e.g. 最美三长.
    pub title: String,
    /// 1 to 500 characters.
    pub reason: String,
}

/// A nomination approved or rejected, at the version read.
#[derive(InputObject)]
pub struct DecideHonourInput {
    pub honour_id: ID,
    pub version: i32,
    /// `true` confers it, `false` turns it down.
    pub approve: bool,
}

/// The honour after the change.
#[derive(SimpleObject)]
pub struct HonourPayload {
    /// The honour as written.
    pub honour: Honour,
}

#[derive(Default)]
pub struct HonoursMutation;

#[Object]
impl HonoursMutation {
    /// Nominates a resident for an honour (a ledger keeper over them).
    async fn nominate_honour(
        &self,
        ctx: &Context<'_>,
        input: NominateHonourInput,
    ) -> AppResult<HonourPayload> {
        let resident = ids::decode_as(&input.resident_id, NodeKind::Resident)?;
        let change = change(ctx)?;
        let row = honours::nominate(&change, resident, &input.title, &input.reason).await?;
        Ok(HonourPayload {
            honour: Honour(row),
        })
    }
    /// Approves or rejects a nomination: a second keeper, not the nominator, once.
    async fn decide_honour(
        &self,
        ctx: &Context<'_>,
        input: DecideHonourInput,
    ) -> AppResult<HonourPayload> {
        let id = ids::decode_as(&input.honour_id, NodeKind::Honour)?;
        let change = change(ctx)?;
        let row = honours::decide(&change, id, input.version, input.approve).await?;
        Ok(HonourPayload {
            honour: Honour(row),
        })
    }
}
