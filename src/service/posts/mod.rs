//! Posts of the three leaders, grid workers and mediators against the database:
//! [`appoint`] a holder to an area and [`end`] a term, each one idempotent transaction
//! with its audit row. The one-active-leader rule is the database's partial unique
//! index; a violation (two appointments racing) is CONFLICT.

mod appoint;
mod end;

pub use appoint::{NewPost, appoint};
pub use end::{EndPost, end};

use chrono::NaiveDate;
use chrono_tz::Asia::Shanghai;
use sea_orm::{ColumnTrait, DatabaseTransaction, QueryFilter, QuerySelect};

use entity::{building, grid, unit};

use crate::access;
use crate::domain::posts::PostArea;
use crate::error::{AppError, AppResult};
use crate::service::change::Change;

/// The path of the area a post is bound to; an area out of sight reads as absent.
async fn area_path(
    change: &Change<'_>,
    txn: &DatabaseTransaction,
    area: PostArea,
    id: i32,
) -> AppResult<String> {
    macro_rules! path_of {
        ($module:ident) => {
            access::visible::<$module::Entity>(change.viewer)
                .filter($module::Column::Id.eq(id))
                .select_only()
                .column($module::Column::Path)
                .into_tuple::<String>()
                .one(txn)
                .await?
        };
    }
    let path = match area {
        PostArea::Grid => path_of!(grid),
        PostArea::Building => path_of!(building),
        PostArea::Unit => path_of!(unit),
    };
    path.ok_or(AppError::NotFound)
}

/// Today in Asia/Shanghai, the day posts start and end on.
fn today(change: &Change<'_>) -> NaiveDate {
    change.now.with_timezone(&Shanghai).date_naive()
}
