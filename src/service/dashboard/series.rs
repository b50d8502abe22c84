//! `series`: the requests group over time. The buckets (days, weeks from Monday or
//! months, in Asia/Shanghai) are cut here and sent as a derived table of bounds; one
//! statement LEFT JOINs the area's requests into them by submission time and GROUPs BY
//! bucket, so an empty bucket still has its row.

use chrono::{DateTime, Datelike, Duration, Months, NaiveDate, TimeZone, Utc};
use chrono_tz::Asia::Shanghai;
use sea_orm::ConnectionTrait;
use sea_orm::sea_query::{Alias, Expr, ExprTrait, Order, Query, SelectStatement, UnionType};

use entity::request;

use super::{Period, RequestFigures, request_figures_of, request_sums, scoped};
use crate::access::Viewer;
use crate::error::{AppError, AppResult};

/// The most buckets one series has.
pub const MAX_BUCKETS: usize = 366;

/// How long a bucket is.
#[derive(async_graphql::Enum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum BucketSize {
    Day,
    /// Monday to Sunday.
    Week,
    Month,
}

/// One bucket: the calendar day, week or month starting on `date` (Asia/Shanghai),
/// cut to the series' range `[from, to)`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Bucket {
    pub date: NaiveDate,
    pub from: DateTime<Utc>,
    pub to: DateTime<Utc>,
}

/// The buckets covering `period`; BAD_USER_INPUT past [`MAX_BUCKETS`].
pub fn buckets(size: BucketSize, period: Period) -> AppResult<Vec<Bucket>> {
    let first_day = period.from.with_timezone(&Shanghai).date_naive();
    let mut date = match size {
        BucketSize::Day => first_day,
        BucketSize::Week => {
            first_day - Duration::days(i64::from(first_day.weekday().num_days_from_monday()))
        }
        BucketSize::Month => first_day.with_day(1).unwrap_or(first_day),
    };
    let mut buckets = Vec::new();
    loop {
        let start = midnight(date)?;
        if start >= period.to {
            break;
        }
        if buckets.len() == MAX_BUCKETS {
            return Err(AppError::bad_input(format!(
                "a series has at most {MAX_BUCKETS} buckets: choose a larger bucket or a shorter range"
            )));
        }
        let next = match size {
            BucketSize::Day => date + Duration::days(1),
            BucketSize::Week => date + Duration::days(7),
            BucketSize::Month => date
                .checked_add_months(Months::new(1))
                .ok_or_else(|| AppError::bad_input("date out of range"))?,
        };
        buckets.push(Bucket {
            date,
            from: Ord::max(start, period.from),
            to: Ord::min(midnight(next)?, period.to),
        });
        date = next;
    }
    Ok(buckets)
}

/// Midnight of `date` in Asia/Shanghai (no daylight saving: always one instant).
fn midnight(date: NaiveDate) -> AppResult<DateTime<Utc>> {
    Shanghai
        .from_local_datetime(&date.and_time(chrono::NaiveTime::MIN))
        .single()
        .map(|at| at.with_timezone(&Utc))
        .ok_or_else(|| AppError::bad_input("date out of range"))
}

/// The request figures of each bucket, in order.
pub async fn request_series(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    area_path: &str,
    buckets: &[Bucket],
    now: DateTime<Utc>,
) -> AppResult<Vec<RequestFigures>> {
    let (Some(first), Some(last)) = (buckets.first(), buckets.last()) else {
        return Ok(Vec::new());
    };
    let period = Period {
        from: first.from,
        to: last.to,
    };
    let bucket = |name: &str| Expr::col((Alias::new("bucket"), Alias::new(name)));
    let submitted = || Expr::col((request::Entity, request::Column::SubmittedAt));
    let mut select = Query::select();
    select
        .expr_as(bucket("i"), Alias::new("bucket_index"))
        .from_subquery(bounds(buckets), Alias::new("bucket"));
    request_sums(&mut select, period, now);
    select
        .left_join(
            request::Entity,
            scoped::<request::Entity>(viewer, area_path)
                .add(submitted().gte(bucket("lo")))
                .add(submitted().lt(bucket("hi"))),
        )
        .add_group_by([bucket("i")])
        .order_by_expr(bucket("i"), Order::Asc);
    let rows = db.query_all(&select).await?;
    if rows.len() != buckets.len() {
        return Err(AppError::Internal("a series lost a bucket".into()));
    }
    rows.iter().map(request_figures_of).collect()
}

/// `SELECT 0 AS i, lo, hi UNION ALL SELECT 1, …`: the buckets as a derived table.
fn bounds(buckets: &[Bucket]) -> SelectStatement {
    let row = |index: usize, bucket: &Bucket| {
        Query::select()
            .expr_as(Expr::val(index as i32), Alias::new("i"))
            .expr_as(Expr::val(bucket.from), Alias::new("lo"))
            .expr_as(Expr::val(bucket.to), Alias::new("hi"))
            .to_owned()
    };
    let mut select = row(0, &buckets[0]);
    for (index, bucket) in buckets.iter().enumerate().skip(1) {
        select.union(UnionType::All, row(index, bucket));
    }
    select
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(text)
            .unwrap()
            .with_timezone(&Utc)
    }

    #[test]
    fn days_start_at_midnight_in_shanghai() {
        let period = Period {
            from: at("2026-06-10T00:00:00Z"),
            to: at("2026-06-12T00:00:00Z"),
        };
        let days = buckets(BucketSize::Day, period).unwrap();
        // 08:00 on the 10th in Shanghai: the 10th (cut), the 11th, and the 12th until 08:00.
        assert_eq!(days.len(), 3);
        assert_eq!(days[0].date.to_string(), "2026-06-10");
        assert_eq!(days[0].from, period.from);
        assert_eq!(days[1].from, at("2026-06-10T16:00:00Z"));
        assert_eq!(days[2].to, period.to);
    }

    #[test]
    fn weeks_start_on_monday_and_months_on_the_first() {
        let period = Period {
            from: at("2026-06-17T04:00:00Z"),
            to: at("2026-08-02T04:00:00Z"),
        };
        let weeks = buckets(BucketSize::Week, period).unwrap();
        assert_eq!(weeks[0].date.to_string(), "2026-06-15");
        assert_eq!(weeks[1].date.to_string(), "2026-06-22");
        let months = buckets(BucketSize::Month, period).unwrap();
        let dates: Vec<String> = months.iter().map(|m| m.date.to_string()).collect();
        assert_eq!(dates, ["2026-06-01", "2026-07-01", "2026-08-01"]);
    }

    #[test]
    fn too_many_buckets_are_refused() {
        let period = Period {
            from: at("2026-01-01T00:00:00Z"),
            to: at("2027-02-01T00:00:00Z"),
        };
        assert!(buckets(BucketSize::Day, period).is_err());
        assert_eq!(buckets(BucketSize::Month, period).unwrap().len(), 14);
    }
}
