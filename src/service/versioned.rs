//! Optimistic concurrency: a change names the version it read, and the UPDATE holds
//! `WHERE id = ? AND version = ?`. Anything but one row affected means someone changed
//! the row first: CONFLICT, and the transaction (with everything else it wrote) is
//! rolled back by the caller.

use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

use crate::error::{AppError, AppResult};

/// The row's `version` does not match what the caller read.
pub fn stale() -> AppError {
    AppError::Conflict("the request was changed by someone else; read it again".to_owned())
}

/// Applies `changes` to the row `id` if its version is still `version`, and bumps it.
pub async fn update<E, A, C>(
    db: &C,
    changes: A,
    id_column: E::Column,
    id: i32,
    version_column: E::Column,
    version: i32,
) -> AppResult<()>
where
    E: EntityTrait,
    A: ActiveModelTrait<Entity = E> + Send,
    C: ConnectionTrait,
{
    let result = E::update_many()
        .set(changes)
        .col_expr(version_column, Expr::col(version_column).add(1))
        .filter(id_column.eq(id))
        .filter(version_column.eq(version))
        .exec(db)
        .await?;
    if result.rows_affected == 1 {
        Ok(())
    } else {
        Err(stale())
    }
}
