//! Posting entries. The account row is locked first (`SELECT … FOR UPDATE` on
//! PostgreSQL; on SQLite every change holds the database's write lock from BEGIN, see
//! `Change::begin`), so two postings on one account never both read the same balance;
//! the CHECKs on `points_account` and `points_entry` refuse a negative balance even if
//! some other writer forgot.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::OnConflict;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseBackend, DatabaseTransaction,
    EntityTrait, QueryFilter, QuerySelect, Set,
};

use entity::points_enums::EntryKind;
use entity::{points_account, points_entry, resident};

use crate::error::{AppError, AppResult};

/// What an entry is about and who made it.
#[derive(Clone, Debug, Default)]
pub struct Posting {
    /// Change of the available balance.
    pub amount: i64,
    /// Change of the held balance.
    pub held_amount: i64,
    pub source_kind: &'static str,
    pub source_id: Option<i32>,
    pub earn_key: Option<String>,
    pub reverses: Option<i32>,
    pub reason: Option<String>,
    pub actor: Option<i32>,
    pub approver: Option<i32>,
}

/// The account of `resident`, opened with zero balances on first use. Safe when two
/// changes open it at once: the insert does nothing on the unique resident id.
pub async fn account_for(
    txn: &DatabaseTransaction,
    resident: &resident::Model,
    now: DateTime<Utc>,
) -> AppResult<points_account::Model> {
    let open = points_account::ActiveModel {
        resident_id: Set(resident.id),
        area_path: Set(resident.area_path.clone()),
        available: Set(0),
        held: Set(0),
        created_at: Set(now),
        updated_at: Set(now),
        version: Set(1),
        ..Default::default()
    };
    points_account::Entity::insert(open)
        .on_conflict(
            OnConflict::column(points_account::Column::ResidentId)
                .do_nothing()
                .to_owned(),
        )
        .try_insert()
        .exec_without_returning(txn)
        .await?;
    points_account::Entity::find()
        .filter(points_account::Column::ResidentId.eq(resident.id))
        .one(txn)
        .await?
        .ok_or_else(|| AppError::Internal("points account vanished".to_owned()))
}

/// The account `id`, locked for the rest of the transaction.
pub async fn lock(txn: &DatabaseTransaction, id: i32) -> AppResult<points_account::Model> {
    let mut query = points_account::Entity::find_by_id(id);
    if txn.get_database_backend() == DatabaseBackend::Postgres {
        query = query.lock_exclusive();
    }
    query
        .one(txn)
        .await?
        .ok_or_else(|| AppError::Internal("points account vanished".to_owned()))
}

/// Appends an entry of `kind` to account `account_id`; CONFLICT when it would take
/// either balance below zero.
pub async fn post(
    txn: &DatabaseTransaction,
    account_id: i32,
    kind: EntryKind,
    posting: Posting,
    now: DateTime<Utc>,
) -> AppResult<super::Moved> {
    let current = lock(txn, account_id).await?;
    let available = current.available + posting.amount;
    let held = current.held + posting.held_amount;
    if available < 0 {
        return Err(AppError::Conflict(format!(
            "not enough points: {} available",
            current.available
        )));
    }
    if held < 0 {
        return Err(AppError::Conflict("not enough points held".to_owned()));
    }
    let account = points_account::ActiveModel {
        id: Set(current.id),
        available: Set(available),
        held: Set(held),
        updated_at: Set(now),
        version: Set(current.version + 1),
        ..Default::default()
    }
    .update(txn)
    .await?;
    let entry = points_entry::ActiveModel {
        account_id: Set(current.id),
        area_path: Set(current.area_path.clone()),
        kind: Set(kind),
        amount: Set(posting.amount),
        held_amount: Set(posting.held_amount),
        available_after: Set(available),
        held_after: Set(held),
        source_kind: Set(posting.source_kind.to_owned()),
        source_id: Set(posting.source_id),
        earn_key: Set(posting.earn_key),
        reverses_entry_id: Set(posting.reverses),
        reason: Set(posting.reason),
        actor_user_id: Set(posting.actor),
        approver_user_id: Set(posting.approver),
        at: Set(now),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    Ok(super::Moved { account, entry })
}

/// Earns `points` for `resident` from the source (`source_kind`, `source_id`), once:
/// a second call for the same source and person returns the first entry unchanged.
pub async fn earn(
    txn: &DatabaseTransaction,
    resident: &resident::Model,
    points: i64,
    source: (&'static str, i32),
    actor: Option<i32>,
    now: DateTime<Utc>,
) -> AppResult<super::Moved> {
    if points <= 0 {
        return Err(AppError::bad_input("points earned are more than zero"));
    }
    let account = account_for(txn, resident, now).await?;
    let key = format!("{}:{}:{}", source.0, source.1, resident.id);
    let earlier = points_entry::Entity::find()
        .filter(points_entry::Column::EarnKey.eq(&key))
        .one(txn)
        .await?;
    if let Some(entry) = earlier {
        return Ok(super::Moved { account, entry });
    }
    let posting = Posting {
        amount: points,
        source_kind: source.0,
        source_id: Some(source.1),
        earn_key: Some(key),
        actor,
        ..Default::default()
    };
    post(txn, account.id, EntryKind::Earn, posting, now).await
}
