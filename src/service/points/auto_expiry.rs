//! Automatic expiry (积分过期) by the ticker, under [`ExpiryRule`] from the config: for
//! every account holding points older than the rule's cut-off, an EXPIRE entry retires
//! them (the oldest points are spent first, see [`points_expiry::due`]). The amount is
//! computed again under the account's lock inside the posting's transaction, so a
//! second tick, a concurrent one, or a redemption in between finds nothing more due:
//! each old point expires exactly once. On PostgreSQL the ticker's advisory lock keeps
//! one instance doing this at a time.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Alias, Expr, ExprTrait, Func, Query, SelectStatement, SubQueryStatement};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect,
};

use entity::points_enums::EntryKind;
use entity::{points_account, points_entry};

use super::ledger::{self, Posting};
use crate::access::Viewer;
use crate::access::audit::{AuditEntry, RequestMeta};
use crate::domain::points_expiry::{self, ExpiryRule};
use crate::error::AppResult;
use crate::service::change::Change;
use crate::service::requests::tick_lock::TickLock;

/// Accounts one tick expires at most (the next tick takes the rest).
const BATCH: u64 = 500;

/// The points credited (EARN, positive ADJUST) to the account in the outer row, or to
/// `account`, since `cutoff`.
fn credited_since(cutoff: DateTime<Utc>, account: Option<i32>) -> SelectStatement {
    use points_entry::Column as E;
    let sum = Func::cast_as(
        Func::sum(Expr::col((points_entry::Entity, E::Amount))),
        Alias::new("BIGINT"),
    );
    let items: [Expr; 2] = [Expr::from(sum), Expr::val(0i64)];
    let mut query = Query::select();
    query
        .expr_as(Func::coalesce(items), Alias::new("credited"))
        .from(points_entry::Entity)
        .and_where(
            Expr::col((points_entry::Entity, E::Kind))
                .is_in([EntryKind::Earn, EntryKind::Adjust].map(Expr::val)),
        )
        .and_where(Expr::col((points_entry::Entity, E::Amount)).gt(0i64))
        .and_where(Expr::col((points_entry::Entity, E::At)).gte(cutoff));
    match account {
        Some(id) => query.and_where(Expr::col((points_entry::Entity, E::AccountId)).eq(id)),
        None => query.and_where(
            Expr::col((points_entry::Entity, E::AccountId))
                .equals((points_account::Entity, points_account::Column::Id)),
        ),
    };
    query
}

/// The accounts with points older than `cutoff` left, in one statement.
async fn due_accounts(db: &DatabaseConnection, cutoff: DateTime<Utc>) -> AppResult<Vec<i32>> {
    use points_account::Column as A;
    let present = Expr::col((points_account::Entity, A::Available))
        .add(Expr::col((points_account::Entity, A::Held)));
    let recent = Expr::SubQuery(
        None,
        Box::new(SubQueryStatement::SelectStatement(credited_since(
            cutoff, None,
        ))),
    );
    Ok(points_account::Entity::find()
        .select_only()
        .column(A::Id)
        .filter(A::Available.gt(0i64))
        .filter(present.gt(recent))
        .order_by_asc(A::Id)
        .limit(BATCH)
        .into_tuple()
        .all(db)
        .await?)
}

/// Expires what is due on account `id` at `now`; the entry, if anything was due.
async fn expire_account(
    db: &DatabaseConnection,
    id: i32,
    cutoff: DateTime<Utc>,
    now: DateTime<Utc>,
) -> AppResult<Option<i32>> {
    let meta = RequestMeta {
        request_id: "ticker".to_owned(),
        ..Default::default()
    };
    let change = Change::new(db, &Viewer::System, &meta, now);
    change
        .run("autoExpirePoints", "points_entry", async |txn| {
            let account = ledger::lock(txn, id).await?;
            let statement = txn
                .get_database_backend()
                .build(&credited_since(cutoff, Some(id)));
            let recent: i64 = match txn.query_one_raw(statement).await? {
                Some(row) => row.try_get("", "credited")?,
                None => 0,
            };
            let due = points_expiry::due(account.available, account.held, recent);
            if due == 0 {
                return Ok(None);
            }
            let day = cutoff
                .with_timezone(&chrono_tz::Asia::Shanghai)
                .date_naive();
            let posting = Posting {
                amount: -due,
                source_kind: "EXPIRY_RULE",
                reason: Some(format!("points earned before {day} and unused expire")),
                ..Default::default()
            };
            let moved = ledger::post(txn, account.id, EntryKind::Expire, posting, now).await?;
            let entry = AuditEntry {
                action: "autoExpirePoints",
                entity: Some("points_entry"),
                entity_id: Some(moved.entry.id),
                fields: Some("amount".to_owned()),
                area_path: Some(moved.entry.area_path.clone()),
                ..Default::default()
            };
            change.audit(txn, entry).await?;
            Ok(Some(moved.entry.id))
        })
        .await
}

/// Expires, under `rule`, the points due at `now`; how many accounts lost some.
pub async fn expire_due(
    db: &DatabaseConnection,
    rule: ExpiryRule,
    now: DateTime<Utc>,
) -> AppResult<usize> {
    let Some(cutoff) = rule.cutoff(now) else {
        return Ok(0);
    };
    let mut expired = 0;
    for id in due_accounts(db, cutoff).await? {
        if expire_account(db, id, cutoff, now).await?.is_some() {
            expired += 1;
        }
    }
    Ok(expired)
}

/// One expiry tick while holding the ticker's lock; `None` when another instance
/// holds it (and so does this work).
pub async fn tick(
    db: &DatabaseConnection,
    rule: ExpiryRule,
    now: DateTime<Utc>,
) -> AppResult<Option<usize>> {
    if rule == ExpiryRule::Never {
        return Ok(Some(0));
    }
    let Some(lock) = TickLock::try_take(db).await? else {
        return Ok(None);
    };
    let expired = expire_due(db, rule, now).await;
    lock.release().await?;
    expired.map(Some)
}
