//! Demo volunteer points for `serve --demo`, made through the same service calls (and
//! permission checks) as the API by the demo accounts: two rewards in the first
//! community, 120 points for the demo resident (proposed by `community.staff`, approved
//! by `street.admin`), and one redemption of the bag, still held.

use crate::AppState;
use crate::access::Viewer;
use crate::access::audit::RequestMeta;
use crate::error::{AppError, AppResult};
use crate::service::change::Change;
use crate::service::points::catalogue::{self, NewReward};
use crate::service::points::{adjust, redeem};

/// Creates the demo ledger; returns how many entries it posted.
pub async fn seed_demo_points(state: &AppState) -> AppResult<usize> {
    let meta = RequestMeta::default();
    let staff = viewer(state, "community.staff").await?;
    let street = viewer(state, "street.admin").await?;
    let resident = viewer(state, "resident").await?;
    let change = |viewer| Change::new(&state.db, viewer, &meta, state.clock.now());
    let community = staff
        .principal()
        .and_then(|principal| principal.grants.first())
        .map(|grant| grant.area.id)
        .ok_or_else(|| AppError::Internal("community.staff has no grant".to_owned()))?;
    let resident_id = resident
        .principal()
        .and_then(|principal| principal.resident_id)
        .ok_or_else(|| AppError::Internal("the demo resident has no record".to_owned()))?;

    let reward = |name: &str, cost, stock| NewReward {
        community_id: community,
        name: name.to_owned(),
        description: None,
        cost,
        stock,
    };
    let bag = catalogue::create(&change(&staff), reward("环保购物袋", 50, 20)).await?;
    catalogue::create(&change(&staff), reward("上门理发一次", 200, 5)).await?;

    let why = "2026年11月志愿服务时长补录（社区清洁日）";
    let proposed = adjust::propose(&change(&staff), resident_id, 120, why).await?;
    adjust::approve(&change(&street), proposed.id, proposed.version).await?;
    redeem::redeem(&change(&resident), bag.id, resident_id).await?;
    Ok(2)
}

async fn viewer(state: &AppState, username: &str) -> AppResult<Viewer> {
    let token = state.auth.issue_token_for_user(username).await?;
    Ok(Viewer::Principal(
        state.auth.authenticate(&token.token).await?,
    ))
}
