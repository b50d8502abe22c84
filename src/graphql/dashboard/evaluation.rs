//! Performance evaluation (绩效评估) in the API: `setEvaluationWeights` (district
//! administrators, audited) and `evaluation(areaId, period, level)`, the child areas
//! at `level` scored on the weights with their deductions and ranking.

use async_graphql::{Context, ID, InputObject, Object, SimpleObject};
use chrono::{DateTime, Utc};

use super::views::{self, Breakdown};
use crate::error::{AppError, AppResult};
use crate::graphql::context::RequestContext;
use crate::graphql::ids::{self, NodeKind};
use crate::graphql::mutation::change;
use crate::service::dashboard::{
    self, ChildLevel, EvaluationPeriod, Figure, Indicator, Score, Weight,
};

/// One indicator's weight (points out of 100) and target (%; a ceiling for rates
/// where less is better: repeats, rework, escalations, extensions).
#[derive(InputObject, SimpleObject, Clone, Copy)]
#[graphql(input_name = "EvaluationWeightInput")]
pub struct EvaluationWeight {
    pub indicator: Indicator,
    pub weight: u32,
    pub target_percent: u32,
}

impl From<EvaluationWeight> for Weight {
    fn from(weight: EvaluationWeight) -> Weight {
        Weight {
            indicator: weight.indicator,
            weight: weight.weight,
            target_percent: weight.target_percent,
        }
    }
}

impl From<Weight> for EvaluationWeight {
    fn from(weight: Weight) -> EvaluationWeight {
        EvaluationWeight {
            indicator: weight.indicator,
            weight: weight.weight,
            target_percent: weight.target_percent,
        }
    }
}

/// The weights of one level in one period, replacing any set before.
#[derive(InputObject)]
pub struct SetEvaluationWeightsInput {
    pub level: ChildLevel,
    /// `2026`, `2026-Q2` or `2026-06`.
    pub period: String,
    /// Rate indicators, each once, weights adding up to 100.
    pub weights: Vec<EvaluationWeight>,
}

#[derive(SimpleObject)]
pub struct SetEvaluationWeightsPayload {
    pub weights: Vec<EvaluationWeight>,
}

/// What an area lost on one indicator.
#[derive(SimpleObject)]
pub struct EvaluationDeduction {
    pub indicator: Indicator,
    pub weight: u32,
    /// The target, 0 to 1.
    pub target: f64,
    /// The area's rate (0 to 1), null with nothing to divide by (no points lost).
    pub actual: Option<f64>,
    pub numerator: u64,
    pub denominator: u64,
    pub points_lost: f64,
}

/// A child area's score out of 100 and its rank (1 is best; ties share a rank).
#[derive(SimpleObject)]
pub struct AreaScore {
    pub area_id: ID,
    pub name: String,
    pub score: f64,
    pub rank: u32,
    pub deductions: Vec<EvaluationDeduction>,
}

#[derive(SimpleObject)]
pub struct Evaluation {
    pub period: String,
    pub level: ChildLevel,
    pub from: DateTime<Utc>,
    pub to: DateTime<Utc>,
    pub weights: Vec<EvaluationWeight>,
    /// Best first.
    pub areas: Vec<AreaScore>,
}

#[derive(Default)]
pub struct EvaluationMutation;

#[Object]
impl EvaluationMutation {
    /// Sets the indicator weights and targets `level` is evaluated on in `period`
    /// (district administrators; audited). Bad weights are BAD_USER_INPUT and change
    /// nothing.
    async fn set_evaluation_weights(
        &self,
        ctx: &Context<'_>,
        input: SetEvaluationWeightsInput,
    ) -> AppResult<SetEvaluationWeightsPayload> {
        let period = EvaluationPeriod::parse(&input.period)?;
        let weights: Vec<Weight> = input.weights.into_iter().map(Weight::from).collect();
        dashboard::set_weights(&change(ctx)?, input.level, &period, &weights).await?;
        Ok(SetEvaluationWeightsPayload {
            weights: weights.into_iter().map(EvaluationWeight::from).collect(),
        })
    }
}

pub async fn evaluation(
    ctx: &Context<'_>,
    area_id: ID,
    period: String,
    level: ChildLevel,
) -> AppResult<Evaluation> {
    let request = RequestContext::signed_in(ctx)?;
    // The area first: an unknown or out-of-scope one is NOT_FOUND whatever else is
    // asked, so no other answer tells whether it exists.
    let area_path = super::area_path(ctx, &area_id).await?;
    let period = EvaluationPeriod::parse(&period)?;
    let weights = dashboard::weights(&request.db, level, &period).await?;
    if weights.is_empty() {
        return Err(AppError::bad_input(format!(
            "no evaluation weights are set for {} in {}",
            dashboard::level_name(level),
            period.label
        )));
    }
    let ask = Breakdown {
        area_id,
        by: level,
        indicators: weights.iter().map(|weight| weight.indicator).collect(),
        from: period.from,
        to: period.to,
    };
    let (areas, _) = views::child_figures_at(ctx, &ask, &area_path).await?;
    let kind = match level {
        ChildLevel::Street => NodeKind::Street,
        ChildLevel::Community => NodeKind::Community,
        ChildLevel::Grid => NodeKind::Grid,
    };
    Ok(Evaluation {
        period: period.label,
        level,
        from: period.from,
        to: period.to,
        areas: dashboard::score(areas, &weights)
            .into_iter()
            .map(|score| area_score(kind, score))
            .collect(),
        weights: weights.into_iter().map(EvaluationWeight::from).collect(),
    })
}

fn area_score(kind: NodeKind, score: Score) -> AreaScore {
    AreaScore {
        area_id: ids::encode(kind, score.area.id),
        name: score.area.name,
        score: score.score,
        rank: score.rank,
        deductions: score
            .deductions
            .into_iter()
            .map(|deduction| {
                let (numerator, denominator) = match deduction.figure {
                    Figure::Rate {
                        numerator,
                        denominator,
                    } => (numerator, denominator),
                    _ => (0, 0),
                };
                EvaluationDeduction {
                    indicator: deduction.weight.indicator,
                    weight: deduction.weight.weight,
                    target: f64::from(deduction.weight.target_percent) / 100.0,
                    actual: deduction
                        .figure
                        .value()
                        .map(|value| (value * 10_000.0).round() / 10_000.0),
                    numerator,
                    denominator,
                    points_lost: deduction.points_lost,
                }
            })
            .collect(),
    }
}
