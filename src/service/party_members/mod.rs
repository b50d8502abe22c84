//! Party members against the database: [`register`] a resident or staff user with an
//! organisation, and [`transfer`] them to another, keeping the history, each one
//! idempotent transaction with its audit row.

mod register;
mod transfer;

pub use register::{NewMember, Person, register};
pub use transfer::{Transfer, transfer};

use chrono::NaiveDate;
use chrono_tz::Asia::Shanghai;
use sea_orm::{ColumnTrait, DatabaseTransaction, QueryFilter};

use entity::party_organization;

use crate::access;
use crate::error::{AppError, AppResult};
use crate::service::change::Change;

/// The organisation `id`, if the viewer sees it.
async fn organization(
    change: &Change<'_>,
    txn: &DatabaseTransaction,
    id: i32,
) -> AppResult<party_organization::Model> {
    access::visible::<party_organization::Entity>(change.viewer)
        .filter(party_organization::Column::Id.eq(id))
        .one(txn)
        .await?
        .ok_or(AppError::NotFound)
}

fn today(change: &Change<'_>) -> NaiveDate {
    change.now.with_timezone(&Shanghai).date_naive()
}

fn may_not() -> AppError {
    AppError::Forbidden(
        "only community staff, party secretaries and administrators keep member rolls".to_owned(),
    )
}
