//! Performance evaluation (绩效评估): per area level and period, a set of rate
//! indicators with a weight (points out of 100) and a target. An area scores 100 less
//! the points it loses: on each indicator, the weight times how far it falls short of
//! the target, as a share of the way from the target to the worst value (so missing a
//! 90 % target by 9 points loses a tenth of the weight). The figures come from
//! `breakdown`, so the SQL is the dashboard's.

use async_graphql::resolver_utils::EnumType;
use chrono::{DateTime, Datelike, Months, NaiveDate, TimeZone, Utc};
use chrono_tz::Asia::Shanghai;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, NotSet, QueryFilter, QueryOrder,
    Set,
};

use entity::evaluation_weight;

use super::{AreaFigures, ChildLevel, Figure, Figures, Indicator};
use crate::access::audit::AuditEntry;
use crate::access::evaluation_actions;
use crate::error::{AppError, AppResult};
use crate::service::change::Change;

/// A period of evaluation: a year, a quarter or a month, Asia/Shanghai.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EvaluationPeriod {
    pub label: String,
    pub from: DateTime<Utc>,
    pub to: DateTime<Utc>,
}

impl EvaluationPeriod {
    /// `2026`, `2026-Q2` or `2026-06`; BAD_USER_INPUT otherwise.
    pub fn parse(text: &str) -> AppResult<EvaluationPeriod> {
        let bad = || {
            AppError::bad_input("`period` is a year (2026), quarter (2026-Q2) or month (2026-06)")
        };
        let text = text.trim();
        let (year, rest) = text.split_at_checked(4).ok_or_else(bad)?;
        let year: i32 = year.parse().map_err(|_| bad())?;
        if !(2000..=2100).contains(&year) {
            return Err(bad());
        }
        let (first_month, months) = match rest {
            "" => (1, 12),
            quarter if quarter.starts_with("-Q") && quarter.len() == 3 => {
                let q: u32 = quarter[2..].parse().map_err(|_| bad())?;
                if !(1..=4).contains(&q) {
                    return Err(bad());
                }
                (3 * q - 2, 3)
            }
            month if month.starts_with('-') && month.len() == 3 => {
                let m: u32 = month[1..].parse().map_err(|_| bad())?;
                if !(1..=12).contains(&m) {
                    return Err(bad());
                }
                (m, 1)
            }
            _ => return Err(bad()),
        };
        let start = NaiveDate::from_ymd_opt(year, first_month, 1).ok_or_else(bad)?;
        let end = start
            .checked_add_months(Months::new(months))
            .ok_or_else(bad)?;
        Ok(EvaluationPeriod {
            label: text.to_owned(),
            from: midnight(start)?,
            to: midnight(end)?,
        })
    }
}

fn midnight(date: NaiveDate) -> AppResult<DateTime<Utc>> {
    Shanghai
        .with_ymd_and_hms(date.year(), date.month(), date.day(), 0, 0, 0)
        .single()
        .map(|at| at.with_timezone(&Utc))
        .ok_or_else(|| AppError::bad_input("date out of range"))
}

/// One indicator's weight and target.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Weight {
    pub indicator: Indicator,
    /// Points out of 100.
    pub weight: u32,
    pub target_percent: u32,
}

/// BAD_USER_INPUT unless the weights are rate indicators, each once, weights 1–100
/// adding up to 100, targets 0–100 %.
pub fn validate(weights: &[Weight]) -> AppResult<()> {
    if weights.is_empty() {
        return Err(AppError::bad_input("`weights` names no indicator"));
    }
    for (index, weight) in weights.iter().enumerate() {
        if !matches!(
            weight.indicator.figure(&Figures::default()),
            Figure::Rate { .. }
        ) {
            return Err(AppError::bad_input(format!(
                "{} is not a rate: only rates are evaluated",
                name(weight.indicator)
            )));
        }
        if weights[..index]
            .iter()
            .any(|other| other.indicator == weight.indicator)
        {
            return Err(AppError::bad_input("`weights` names an indicator twice"));
        }
        if !(1..=100).contains(&weight.weight) || weight.target_percent > 100 {
            return Err(AppError::bad_input(
                "a weight is 1 to 100 points and a target 0 to 100 %",
            ));
        }
    }
    if weights.iter().map(|weight| weight.weight).sum::<u32>() != 100 {
        return Err(AppError::bad_input("the weights add up to 100 points"));
    }
    Ok(())
}

/// Replaces the weights of `level` in `period`, audited, in one transaction.
pub async fn set_weights(
    change: &Change<'_>,
    level: ChildLevel,
    period: &EvaluationPeriod,
    weights: &[Weight],
) -> AppResult<()> {
    validate(weights)?;
    let level = level_name(level);
    change
        .run("setEvaluationWeights", "evaluation_weight", async |txn| {
            let Some(setter) = evaluation_actions::setter(change.viewer) else {
                return Err(AppError::Forbidden(
                    "district administrators set evaluation weights".to_owned(),
                ));
            };
            evaluation_weight::Entity::delete_many()
                .filter(evaluation_weight::Column::Level.eq(level))
                .filter(evaluation_weight::Column::Period.eq(&period.label))
                .exec(txn)
                .await?;
            for weight in weights {
                evaluation_weight::ActiveModel {
                    id: NotSet,
                    level: Set(level.to_owned()),
                    period: Set(period.label.clone()),
                    indicator: Set(name(weight.indicator).to_owned()),
                    weight: Set(weight.weight as i32),
                    target_percent: Set(weight.target_percent as i32),
                    set_by: Set(setter),
                    set_at: Set(change.now),
                }
                .insert(txn)
                .await?;
            }
            let fields = weights
                .iter()
                .map(|w| format!("{}={}@{}%", name(w.indicator), w.weight, w.target_percent))
                .collect::<Vec<_>>()
                .join(",");
            let entry = AuditEntry {
                action: "setEvaluationWeights",
                entity: Some("evaluation_weight"),
                fields: Some(format!("{level} {}: {fields}", period.label)),
                ..Default::default()
            };
            change.audit(txn, entry).await
        })
        .await
}

/// The weights of `level` in `period`, in the order set.
pub async fn weights(
    db: &impl ConnectionTrait,
    level: ChildLevel,
    period: &EvaluationPeriod,
) -> AppResult<Vec<Weight>> {
    let rows = evaluation_weight::Entity::find()
        .filter(evaluation_weight::Column::Level.eq(level_name(level)))
        .filter(evaluation_weight::Column::Period.eq(&period.label))
        .order_by_asc(evaluation_weight::Column::Id)
        .all(db)
        .await?;
    rows.into_iter()
        .map(|row| {
            Ok(Weight {
                indicator: parse_indicator(&row.indicator)?,
                weight: u32::try_from(row.weight).unwrap_or(0),
                target_percent: u32::try_from(row.target_percent).unwrap_or(0),
            })
        })
        .collect()
}

/// What an area lost on one indicator.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Deduction {
    pub weight: Weight,
    pub figure: Figure,
    pub points_lost: f64,
}

/// An area's score and rank (1 is best; equal scores share a rank).
#[derive(Clone, Debug, PartialEq)]
pub struct Score {
    pub area: AreaFigures,
    pub score: f64,
    pub rank: u32,
    pub deductions: Vec<Deduction>,
}

/// Scores the areas on `weights`, best first.
pub fn score(areas: Vec<AreaFigures>, weights: &[Weight]) -> Vec<Score> {
    let mut scores: Vec<Score> = areas
        .into_iter()
        .map(|area| {
            let deductions: Vec<Deduction> = weights
                .iter()
                .map(|weight| {
                    let figure = weight.indicator.figure(&area.figures);
                    Deduction {
                        weight: *weight,
                        figure,
                        points_lost: points_lost(*weight, figure.value()),
                    }
                })
                .collect();
            let lost: f64 = deductions.iter().map(|d| d.points_lost).sum();
            Score {
                area,
                score: round2(100.0 - lost),
                rank: 0,
                deductions,
            }
        })
        .collect();
    scores.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then(a.area.path.cmp(&b.area.path))
    });
    let ranked: Vec<f64> = scores.iter().map(|s| s.score).collect();
    for score in &mut scores {
        score.rank = 1 + ranked.iter().filter(|other| **other > score.score).count() as u32;
    }
    scores
}

/// The weight times the shortfall as a share of the way from the target to the worst
/// value; nothing when there is no figure to judge (nothing to divide by).
fn points_lost(weight: Weight, actual: Option<f64>) -> f64 {
    let Some(actual) = actual else { return 0.0 };
    let target = f64::from(weight.target_percent) / 100.0;
    let (gap, room) = if weight.indicator.lower_is_better() {
        (actual - target, 1.0 - target)
    } else {
        (target - actual, target)
    };
    if gap <= 0.0 {
        return 0.0;
    }
    let share = if room > 0.0 {
        (gap / room).min(1.0)
    } else {
        1.0
    };
    round2(f64::from(weight.weight) * share)
}

fn round2(value: f64) -> f64 {
    (value * 100.0).round() / 100.0
}

pub fn level_name(level: ChildLevel) -> &'static str {
    match level {
        ChildLevel::Street => "STREET",
        ChildLevel::Community => "COMMUNITY",
        ChildLevel::Grid => "GRID",
    }
}

fn name(indicator: Indicator) -> &'static str {
    Indicator::items()
        .iter()
        .find(|item| item.value == indicator)
        .map_or("?", |item| item.name)
}

fn parse_indicator(stored: &str) -> AppResult<Indicator> {
    Indicator::items()
        .iter()
        .find(|item| item.name == stored)
        .map(|item| item.value)
        .ok_or_else(|| AppError::Internal(format!("unknown stored indicator {stored}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn weight(indicator: Indicator, weight: u32, target_percent: u32) -> Weight {
        Weight {
            indicator,
            weight,
            target_percent,
        }
    }

    #[test]
    fn periods_are_years_quarters_and_months_in_shanghai() {
        let q2 = EvaluationPeriod::parse("2026-Q2").unwrap();
        assert_eq!(q2.from.to_rfc3339(), "2026-03-31T16:00:00+00:00");
        assert_eq!(q2.to.to_rfc3339(), "2026-06-30T16:00:00+00:00");
        let june = EvaluationPeriod::parse("2026-06").unwrap();
        assert_eq!(
            june.from,
            EvaluationPeriod::parse("2026-Q2").unwrap().from + chrono::Duration::days(61)
        );
        assert_eq!(
            EvaluationPeriod::parse("2026").unwrap().to.to_rfc3339(),
            "2026-12-31T16:00:00+00:00"
        );
        for bad in ["", "26", "2026-Q5", "2026-13", "2026-1", "2026/06", "year"] {
            assert!(EvaluationPeriod::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn points_lost_grow_with_the_shortfall_and_stop_at_the_weight() {
        let on_time = weight(Indicator::OnTimeRate, 40, 90);
        assert_eq!(points_lost(on_time, Some(0.95)), 0.0);
        assert_eq!(points_lost(on_time, Some(0.81)), 4.0);
        assert_eq!(points_lost(on_time, Some(0.0)), 40.0);
        assert_eq!(points_lost(on_time, None), 0.0);
        // Less is better: 10 % allowed, 55 % is half the way to 100 %.
        let repeats = weight(Indicator::RepeatComplaintRate, 20, 10);
        assert_eq!(points_lost(repeats, Some(0.55)), 10.0);
        assert_eq!(points_lost(repeats, Some(0.05)), 0.0);
    }

    #[test]
    fn weights_must_be_rates_once_each_adding_up_to_100() {
        let good = [
            weight(Indicator::OnTimeRate, 60, 90),
            weight(Indicator::SolvedRate, 40, 80),
        ];
        assert!(validate(&good).is_ok());
        assert!(validate(&[]).is_err());
        assert!(validate(&[weight(Indicator::OnTimeRate, 90, 90)]).is_err());
        assert!(validate(&[weight(Indicator::Residents, 100, 90)]).is_err());
        assert!(
            validate(&[
                weight(Indicator::OnTimeRate, 50, 90),
                weight(Indicator::OnTimeRate, 50, 90)
            ])
            .is_err()
        );
        assert!(validate(&[weight(Indicator::OnTimeRate, 100, 101)]).is_err());
    }
}
