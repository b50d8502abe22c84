//! The volunteer points ledger against the database. Every movement of points goes
//! through [`ledger::post`], which locks the account row, refuses a balance below zero,
//! writes the account's new balances and appends the entry that records them, all in
//! the transaction of the change ([`crate::service::change::Change::run`]).

pub mod adjust;
pub mod auto_expiry;
pub mod catalogue;
pub mod expire;
pub mod honours;
pub mod ledger;
pub mod reconcile;
pub mod redeem;
pub mod reverse;

use sea_orm::{ColumnTrait, DatabaseTransaction, QueryFilter};
use serde::{Deserialize, Serialize};

use entity::{points_account, points_entry, resident};

use crate::access::{self, Viewer};
use crate::error::{AppError, AppResult};

/// An account after a movement, with the entry that moved it.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Moved {
    pub account: points_account::Model,
    pub entry: points_entry::Model,
}

/// The resident `id` if `viewer` sees them; NOT_FOUND otherwise.
pub async fn visible_resident(
    txn: &DatabaseTransaction,
    viewer: &Viewer,
    id: i32,
) -> AppResult<resident::Model> {
    access::visible::<resident::Entity>(viewer)
        .filter(resident::Column::Id.eq(id))
        .one(txn)
        .await?
        .ok_or(AppError::NotFound)
}

/// A reason as given: trimmed, 1 to 500 characters.
pub fn reason(text: &str) -> AppResult<String> {
    let text = text.trim();
    if text.is_empty() || text.chars().count() > 500 {
        return Err(AppError::bad_input("a reason is 1 to 500 characters"));
    }
    Ok(text.to_owned())
}
