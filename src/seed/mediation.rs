//! Demo mediation cases for `serve --demo`: in the demo grid, community staff open two
//! cases mediated by the demo grid worker: a neighbours' leak dispute agreed 40 days ago
//! whose follow-up is now overdue, and a major property dispute just opened. Made
//! through the same service calls (and permission checks) as the API.

use chrono::{Duration, NaiveDate};
use chrono_tz::Asia::Shanghai;
use entity::mediation_enums::DisputeCategory;
use entity::resident;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};

use crate::AppState;
use crate::access::audit::RequestMeta;
use crate::access::{AreaKind, Viewer};
use crate::error::{AppError, AppResult};
use crate::service::change::Change;
use crate::service::mediation::{self, CaseStep, NewCase, NewParty, StepInput};

/// Opens and steps the demo cases; returns how many were opened.
pub async fn seed_demo_mediation(state: &AppState) -> AppResult<usize> {
    let staff = viewer(state, "community.staff").await?;
    let worker = state
        .auth
        .authenticate(&state.auth.issue_token_for_user("grid.worker").await?.token)
        .await?;
    let grid = worker
        .grants
        .first()
        .map(|grant| grant.area.clone())
        .ok_or_else(|| AppError::Internal("the demo grid worker has no grant".to_owned()))?;
    let meta = RequestMeta::default();
    let now = state.clock.now();
    let change = || Change::new(&state.db, &staff, &meta, now);
    let residents = residents_of(state, &grid.path).await?;
    let case = |category, major, summary: &str, parties: Vec<NewParty>| NewCase {
        area: (AreaKind::Grid, grid.id),
        place: None,
        category,
        major,
        summary: summary.to_owned(),
        mediator_user_id: worker.id,
        parties,
    };
    let leak = case(
        DisputeCategory::Neighbour,
        false,
        "楼上卫生间漏水导致楼下天花板受损，双方就维修和赔偿协商未果",
        vec![
            NewParty::Resident(residents[0]),
            NewParty::Resident(residents[1]),
        ],
    );
    let leak = mediation::open(&change(), leak).await?.case;
    let today = now.with_timezone(&Shanghai).date_naive();
    let steps = [
        CaseStep::Session {
            held_on: days_before(today, 45),
            notes: "双方到场，查看漏水点，楼上同意先行维修".to_owned(),
        },
        CaseStep::Agreement {
            signed_on: days_before(today, 40),
            text: "楼上负责维修防水层，并赔偿楼下吊顶修复费用800元".to_owned(),
        },
    ];
    for (version, step) in (1..).zip(steps) {
        let input = StepInput {
            case_id: leak.id,
            version,
            step,
        };
        mediation::step(&change(), input).await?;
    }
    let parking = case(
        DisputeCategory::Property,
        true,
        "多户居民与物业公司就地下车位收费标准发生争议",
        vec![
            NewParty::Resident(residents[2]),
            NewParty::Outsider {
                name: "王经理".to_owned(),
                phone: "13900001234".to_owned(),
            },
        ],
    );
    mediation::open(&change(), parking).await?;
    Ok(2)
}

async fn viewer(state: &AppState, username: &str) -> AppResult<Viewer> {
    let token = state.auth.issue_token_for_user(username).await?;
    Ok(Viewer::Principal(
        state.auth.authenticate(&token.token).await?,
    ))
}

fn days_before(today: NaiveDate, days: i64) -> NaiveDate {
    today - Duration::days(days)
}

/// Three residents of the grid at `grid`, first by id.
async fn residents_of(state: &AppState, grid: &str) -> AppResult<Vec<i32>> {
    let rows = resident::Entity::find()
        .filter(resident::Column::AreaPath.starts_with(grid))
        .order_by_asc(resident::Column::Id)
        .limit(3)
        .all(&state.db)
        .await?;
    if rows.len() < 3 {
        return Err(AppError::Internal(
            "the demo grid has too few residents".to_owned(),
        ));
    }
    Ok(rows.into_iter().map(|row| row.id).collect())
}
