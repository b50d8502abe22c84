//! `building.leaders`: the three leaders of many buildings in one statement, batched
//! by the request's DataLoader and scoped like every post read.

use std::collections::HashMap;

use async_graphql::Context;
use async_graphql::dataloader::Loader;
use sea_orm::{QueryFilter, QueryOrder};

use entity::post;

use super::Post;
use crate::access::{self, notice_board};
use crate::error::{AppError, AppResult};
use crate::graphql::RequestContext;
use crate::graphql::pagination::DbLoader;

/// The leaders of the building at this path.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct LeadersOf(pub String);

impl Loader<LeadersOf> for DbLoader {
    type Value = Vec<Post>;
    type Error = AppError;

    async fn load(&self, keys: &[LeadersOf]) -> AppResult<HashMap<LeadersOf, Vec<Post>>> {
        self.batch_sizes.record(keys.len());
        let paths: Vec<&str> = keys.iter().map(|key| key.0.as_str()).collect();
        let rows = access::visible::<post::Entity>(&self.viewer)
            .filter(notice_board::three_leaders(&paths, self.env.today))
            .order_by_asc(post::Column::AreaPath)
            .order_by_asc(post::Column::Id)
            .all(&self.db)
            .await?;
        Ok(keys
            .iter()
            .map(|key| {
                let leaders = rows
                    .iter()
                    .filter(|row| notice_board::leads(row, &key.0))
                    .cloned()
                    .map(Post)
                    .collect();
                (key.clone(), leaders)
            })
            .collect())
    }
}

/// The active leaders of the building at `path` that the viewer may see.
pub async fn building_leaders(ctx: &Context<'_>, path: &str) -> AppResult<Vec<Post>> {
    let request = RequestContext::of(ctx)?;
    let leaders = request.loader.load_one(LeadersOf(path.to_owned())).await?;
    Ok(leaders.unwrap_or_default())
}
