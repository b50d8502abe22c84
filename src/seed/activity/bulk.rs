//! What the bulk activity modules share: ids handed out past a table's largest (rows
//! that others point at are inserted with their ids, so nothing is read back), the
//! communities in order, and
//! instants of the activity year in Shanghai time, where the working day is.

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use chrono_tz::Asia::Shanghai;
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseTransaction, EntityTrait, QueryFilter, QueryOrder,
    Statement,
};

use entity::{community, resident};

use super::{YEAR_END, YEAR_START, instant};
use crate::error::{AppError, AppResult};
use crate::seed::rng::Rng;

/// The first id above every id of `table`.
pub(super) async fn next_id(txn: &DatabaseTransaction, table: &str) -> AppResult<i32> {
    let sql = format!("SELECT CAST(COALESCE(MAX(id), 0) AS BIGINT) AS id FROM {table}");
    let row = txn
        .query_one_raw(Statement::from_string(txn.get_database_backend(), sql))
        .await?
        .ok_or_else(|| AppError::Internal(format!("no MAX(id) of {table}")))?;
    let max: i64 = row.try_get("", "id")?;
    i32::try_from(max + 1).map_err(|_| AppError::Internal(format!("{table} ids overflow")))
}

/// Every community, by id: a few hundred rows even at city scale.
pub(super) async fn communities(txn: &DatabaseTransaction) -> AppResult<Vec<community::Model>> {
    Ok(community::Entity::find()
        .order_by_asc(community::Column::Id)
        .all(txn)
        .await?)
}

/// The residents under `path` (a community's), by id: about ten thousand at most.
pub(super) async fn residents_under(
    txn: &DatabaseTransaction,
    path: &str,
) -> AppResult<Vec<resident::Model>> {
    Ok(resident::Entity::find()
        .filter(resident::Column::AreaPath.starts_with(path))
        .order_by_asc(resident::Column::Id)
        .all(txn)
        .await?)
}

/// The first and the last day of the activity year (Shanghai dates).
pub(super) fn days() -> (NaiveDate, NaiveDate) {
    let date = |(y, m, d)| NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default();
    (date(YEAR_START), date(YEAR_END) - Duration::days(1))
}

/// A day of the year drawn evenly.
pub(super) fn any_day(rng: &mut Rng) -> NaiveDate {
    let (first, last) = days();
    first + Duration::days(i64::from(rng.below((last - first).num_days() as u32 + 1)))
}

/// `minutes` after local midnight of `day` in Shanghai.
pub(super) fn at_local(day: NaiveDate, minutes: u32) -> DateTime<Utc> {
    let midnight = day.and_hms_opt(0, 0, 0).unwrap_or_default();
    let local = Shanghai
        .from_local_datetime(&midnight)
        .single()
        .unwrap_or_else(|| Shanghai.from_utc_datetime(&midnight));
    local.with_timezone(&Utc) + Duration::minutes(i64::from(minutes))
}

/// The Shanghai date of `at`.
pub(super) fn local_day(at: DateTime<Utc>) -> NaiveDate {
    at.with_timezone(&Shanghai).date_naive()
}

/// Whether `at` lies inside the activity year: a step that would fall later has not
/// happened yet, and its row stays where the step before left it.
pub(super) fn in_year(at: DateTime<Utc>) -> bool {
    at >= instant(YEAR_START) && at < instant(YEAR_END)
}

/// Between `low` and `high` minutes, drawn evenly.
pub(super) fn minutes(rng: &mut Rng, low: i32, high: i32) -> Duration {
    Duration::minutes(i64::from(rng.between(low, high)))
}

#[cfg(test)]
pub(super) mod fixture {
    //! A small seeded SQLite database for the modules' tests: one street of two
    //! communities of two grids (2,048 households), and the activity's actor.

    use migration::{Migrator, MigratorTrait};
    use sea_orm::{Database, DatabaseConnection, TransactionTrait};

    use crate::seed::{DEMO_SEED, Scale, Shape, seed};

    pub struct Fixture {
        pub db: DatabaseConnection,
        pub actor: i32,
        _dir: tempfile::TempDir,
    }

    pub async fn fixture() -> Fixture {
        let dir = tempfile::tempdir().unwrap();
        let url = format!("sqlite://{}?mode=rwc", dir.path().join("act.db").display());
        let db = Database::connect(&url).await.unwrap();
        Migrator::up(&db, None).await.unwrap();
        let shape = Shape {
            streets: 1,
            communities_per_street: 2,
            grids_per_community: 2,
            ..Scale::Small.shape()
        };
        seed(&db, &shape, DEMO_SEED).await.unwrap();
        let txn = db.begin().await.unwrap();
        let actor = super::super::actor(&txn).await.unwrap();
        txn.commit().await.unwrap();
        Fixture {
            db,
            actor,
            _dir: dir,
        }
    }

    /// The dashboard period of the whole activity year.
    pub fn year() -> crate::service::dashboard::Period {
        use super::super::{YEAR_END, YEAR_START, instant};
        crate::service::dashboard::Period {
            from: instant(YEAR_START),
            to: instant(YEAR_END),
        }
    }
}
