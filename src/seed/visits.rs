//! Demo visits for `serve --demo`: the demo grid worker's two rounds in their grid,
//! yesterday and this morning, one finding of which opened a request. Made through the
//! same service calls (and permission checks) as the API.

use chrono::Duration;
use entity::household;
use entity::request_enums::Urgency;
use entity::visit_finding::Duty;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};

use crate::AppState;
use crate::access::Viewer;
use crate::access::audit::RequestMeta;
use crate::domain::visits::FindingInput;
use crate::error::{AppError, AppResult};
use crate::service::change::Change;
use crate::service::visits::{self, FindingRequest, NewVisit};

/// Records the demo visits; returns how many.
pub async fn seed_demo_visits(state: &AppState) -> AppResult<usize> {
    let token = state.auth.issue_token_for_user("grid.worker").await?;
    let principal = state.auth.authenticate(&token.token).await?;
    let grid = principal
        .grants
        .first()
        .map(|grant| grant.area.path.clone())
        .ok_or_else(|| AppError::Internal("the demo grid worker has no grant".to_owned()))?;
    let worker = principal.id;
    let viewer = Viewer::Principal(principal);
    let meta = RequestMeta::default();
    let now = state.clock.now();
    let change = || Change::new(&state.db, &viewer, &meta, now).with_events(&state.events);
    let households = households_of(state, &grid).await?;
    let rounds = [
        (
            Duration::days(1),
            &households[..3],
            vec![
                finding(Duty::CollectSentiment, "住户反映夜间广场舞噪音影响休息"),
                finding(Duty::PublicisePolicy, "讲解了城乡居民医保缴费政策"),
            ],
        ),
        (
            Duration::hours(2),
            &households[3..],
            vec![finding(
                Duty::ConvenienceService,
                "独居老人家中厨房水龙头漏水，需要上门维修",
            )],
        ),
    ];
    let mut last = None;
    let mut made = 0;
    for (ago, households, findings) in rounds {
        let new = NewVisit {
            worker_user_id: worker,
            visited_at: now - ago,
            household_ids: households.to_vec(),
            findings,
        };
        last = Some(visits::record(&change(), new).await?);
        made += 1;
    }
    let repair = last
        .and_then(|recorded| recorded.findings.first().cloned())
        .ok_or_else(|| AppError::Internal("no finding to open a request from".to_owned()))?;
    let request = FindingRequest {
        finding_id: repair.id,
        category_code: "PROPERTY_REPAIR".to_owned(),
        urgency: Urgency::Urgent,
        description: None,
        household_id: None,
    };
    visits::open_request(&change(), request).await?;
    Ok(made)
}

fn finding(duty: Duty, note: &str) -> FindingInput {
    FindingInput {
        duty,
        note: note.to_owned(),
    }
}

/// The first five households of the grid at `grid` (ids grow with the paths).
async fn households_of(state: &AppState, grid: &str) -> AppResult<Vec<i32>> {
    let rows = household::Entity::find()
        .filter(household::Column::Path.starts_with(grid))
        .order_by_asc(household::Column::Id)
        .limit(5)
        .all(&state.db)
        .await?;
    if rows.len() < 5 {
        return Err(AppError::Internal(
            "the demo grid has too few households".to_owned(),
        ));
    }
    Ok(rows.into_iter().map(|row| row.id).collect())
}
