//! Reconciliation (对账): every visible account's balances recomputed from its entries
//! (the sums of their movements, and the balances the last entry recorded), in one
//! statement, so a balance written by anything but the ledger shows up.

use sea_orm::sea_query::{Alias, Condition, Expr, ExprTrait, Func, Query, SubQueryStatement};
use sea_orm::{DatabaseConnection, FromQueryResult, StatementBuilder};

use entity::{points_account, points_entry};

use crate::access::{self, Viewer};
use crate::error::AppResult;

/// One account as stored and as its entries say it should be.
#[derive(Clone, Debug, FromQueryResult)]
pub struct Balance {
    pub account_id: i32,
    pub resident_id: i32,
    pub available: i64,
    pub held: i64,
    pub entries: i64,
    pub summed_available: i64,
    pub summed_held: i64,
    /// The balances the last entry recorded (zero without entries).
    pub last_available: i64,
    pub last_held: i64,
}

impl Balance {
    pub fn consistent(&self) -> bool {
        self.available == self.summed_available
            && self.available == self.last_available
            && self.held == self.summed_held
            && self.held == self.last_held
    }
}

fn summed(column: points_entry::Column) -> Expr {
    let sum = Func::sum(Expr::col((points_entry::Entity, column)));
    let items: [Expr; 2] = [
        Expr::from(Func::cast_as(sum, Alias::new("BIGINT"))),
        Expr::val(0i64),
    ];
    Func::coalesce(items).into()
}

/// The last entry's recorded balance of the account in the outer row.
fn last(column: points_entry::Column) -> Expr {
    let latest = Query::select()
        .expr(Expr::col((Alias::new("latest"), column)))
        .from_as(points_entry::Entity, Alias::new("latest"))
        .and_where(
            Expr::col((Alias::new("latest"), points_entry::Column::AccountId))
                .equals((points_account::Entity, points_account::Column::Id)),
        )
        .order_by(
            (Alias::new("latest"), points_entry::Column::Id),
            sea_orm::Order::Desc,
        )
        .limit(1)
        .to_owned();
    let latest = SubQueryStatement::SelectStatement(latest);
    let items: [Expr; 2] = [Expr::SubQuery(None, Box::new(latest)), Expr::val(0i64)];
    Func::coalesce(items).into()
}

/// The balances of every account `viewer` sees that also meets `only` (an area, say).
pub async fn balances(
    db: &DatabaseConnection,
    viewer: &Viewer,
    only: Condition,
) -> AppResult<Vec<Balance>> {
    use points_account::Column as A;
    let mut query = Query::select();
    query
        .expr_as(
            Expr::col((points_account::Entity, A::Id)),
            Alias::new("account_id"),
        )
        .expr_as(
            Expr::col((points_account::Entity, A::ResidentId)),
            Alias::new("resident_id"),
        )
        .expr_as(
            Expr::col((points_account::Entity, A::Available)),
            Alias::new("available"),
        )
        .expr_as(
            Expr::col((points_account::Entity, A::Held)),
            Alias::new("held"),
        )
        .expr_as(
            Func::cast_as(
                Expr::col((points_entry::Entity, points_entry::Column::Id)).count(),
                Alias::new("BIGINT"),
            ),
            Alias::new("entries"),
        )
        .expr_as(
            summed(points_entry::Column::Amount),
            Alias::new("summed_available"),
        )
        .expr_as(
            summed(points_entry::Column::HeldAmount),
            Alias::new("summed_held"),
        )
        .expr_as(
            last(points_entry::Column::AvailableAfter),
            Alias::new("last_available"),
        )
        .expr_as(
            last(points_entry::Column::HeldAfter),
            Alias::new("last_held"),
        )
        .from(points_account::Entity)
        .left_join(
            points_entry::Entity,
            Expr::col((points_entry::Entity, points_entry::Column::AccountId))
                .equals((points_account::Entity, A::Id)),
        )
        .cond_where(access::scope_condition::<points_account::Entity>(viewer))
        .group_by_col((points_account::Entity, A::Id))
        .group_by_col((points_account::Entity, A::ResidentId))
        .group_by_col((points_account::Entity, A::Available))
        .group_by_col((points_account::Entity, A::Held))
        .cond_where(only)
        .order_by((points_account::Entity, A::Id), sea_orm::Order::Asc);
    let statement = StatementBuilder::build(&query, &db.get_database_backend());
    Ok(Balance::find_by_statement(statement).all(db).await?)
}
