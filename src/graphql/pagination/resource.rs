//! What a table must declare to be listed, paged and looked up through the API.

use std::hash::Hash;

use async_graphql::ContainerType;
use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::sea_query::Condition;
use sea_orm::{DbErr, EntityTrait, FromQueryResult, ModelTrait, QueryResult};

use super::with_parents::ToOne;
use crate::access::Scoped;
use crate::access::policy::PiiClass;
use crate::error::AppResult;
use crate::graphql::ids::NodeKind;

pub type Column<R> = <<R as Resource>::Entity as EntityTrait>::Column;
pub type Model<R> = <<R as Resource>::Entity as EntityTrait>::Model;

/// Facts a filter may depend on besides its own fields.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct FilterEnv {
    /// Today in Asia/Shanghai, for age filters.
    pub today: NaiveDate,
    /// The request's "now", for deadline filters (`overdue`).
    pub now: DateTime<Utc>,
    /// The viewer sees S2 personal information in full wherever it reaches, so it may
    /// filter and order on it.
    pub personal: bool,
    /// Likewise for S3 sensitive information.
    pub sensitive: bool,
}

impl FilterEnv {
    /// Refuses a filter or order on a field of `class` the viewer may not read in full.
    pub fn require(&self, class: PiiClass, what: &str) -> AppResult<()> {
        let allowed = match class {
            PiiClass::S2 => self.personal,
            PiiClass::S3 => self.sensitive,
        };
        if allowed {
            Ok(())
        } else {
            Err(crate::error::AppError::Forbidden(format!(
                "{what} needs access to personal information this role does not have"
            )))
        }
    }
}

/// A GraphQL node type backed by one scoped table. Implemented by the output wrapper
/// (e.g. `Grid` around `grid::Model`), so a connection of `Grid`s is `Connection<Grid>`.
pub trait Resource: ContainerType + From<Model<Self>> + Clone + Send + Sync + 'static
where
    Model<Self>: ModelTrait<Entity = Self::Entity> + FromQueryResult + Clone + Send + Sync,
{
    type Entity: Scoped;
    /// The `orderBy` enum; every value maps to one column and a direction.
    type Order: Copy + Default + Eq + Hash + Send + Sync + 'static;
    /// The `filter` input object.
    type Filter: Clone + Default + Eq + Hash + Send + Sync + 'static;

    /// The kind in global ids; its name is the GraphQL type name, which also names the
    /// connection and edge types.
    const KIND: NodeKind;

    fn id_column() -> Column<Self>;
    fn id_of(model: &Model<Self>) -> i32;
    /// The row behind the node.
    fn model(&self) -> &Model<Self>;
    /// The column and direction (`true` = descending) an order sorts by; `None` as the
    /// column means "by id alone".
    fn order_column(order: Self::Order) -> (Option<Column<Self>>, bool);
    /// The class of personal information an order sorts on, if any.
    fn order_class(order: Self::Order) -> Option<PiiClass>;
    /// The filter as a row condition; validation errors are BAD_USER_INPUT.
    fn filter_condition(filter: &Self::Filter, env: FilterEnv) -> AppResult<Condition>;
    /// The to-one fields a root page of this type can join into its own statement
    /// ([`super::with_parents`]).
    fn parents() -> Vec<ToOne> {
        Vec::new()
    }
    /// The rows of one of the loader's statements (every column of the table, in
    /// order, maybe followed by others) as models: sea-orm's derived decoder unless the
    /// resource names a faster one ([`super::decode`]).
    fn decode_rows(rows: &[QueryResult]) -> Result<Vec<Model<Self>>, DbErr> {
        rows.iter()
            .map(|row| Model::<Self>::from_query_result(row, ""))
            .collect()
    }
}
