//! The rewards catalogue (积分兑换目录): a community's keepers offer rewards with a cost
//! and a stock.

use sea_orm::{ActiveModelTrait, ColumnTrait, QueryFilter, Set};

use entity::{community, reward};

use crate::access::audit::AuditEntry;
use crate::access::{self, points_actions};
use crate::error::{AppError, AppResult};
use crate::service::change::Change;

/// A reward as asked for.
#[derive(Clone, Debug)]
pub struct NewReward {
    pub community_id: i32,
    pub name: String,
    pub description: Option<String>,
    pub cost: i64,
    pub stock: i32,
}

impl NewReward {
    fn check(&self) -> AppResult<()> {
        let name = self.name.trim().chars().count();
        if name == 0 || name > 128 {
            return Err(AppError::bad_input(
                "a reward's name is 1 to 128 characters",
            ));
        }
        if self
            .description
            .as_ref()
            .is_some_and(|text| text.chars().count() > 500)
        {
            return Err(AppError::bad_input(
                "a description is at most 500 characters",
            ));
        }
        if !(1..=1_000_000).contains(&self.cost) {
            return Err(AppError::bad_input("a reward costs 1 to 1,000,000 points"));
        }
        if self.stock < 0 {
            return Err(AppError::bad_input("the stock is zero or more"));
        }
        Ok(())
    }
}

/// Offers a reward in a community the viewer keeps the ledger of.
pub async fn create(change: &Change<'_>, new: NewReward) -> AppResult<reward::Model> {
    new.check()?;
    change
        .run("createReward", "reward", async |txn| {
            let area = access::visible::<community::Entity>(change.viewer)
                .filter(community::Column::Id.eq(new.community_id))
                .one(txn)
                .await?
                .ok_or(AppError::NotFound)?;
            if !points_actions::keeps_ledger(change.viewer, &area.path) {
                return Err(AppError::Forbidden(
                    "only the community's ledger keepers offer rewards".to_owned(),
                ));
            }
            let row = reward::ActiveModel {
                name: Set(new.name.trim().to_owned()),
                description: Set(new.description.clone()),
                cost: Set(new.cost),
                stock: Set(new.stock),
                area_kind: Set("community".to_owned()),
                area_id: Set(area.id),
                area_path: Set(area.path.clone()),
                created_at: Set(change.now),
                updated_at: Set(change.now),
                version: Set(1),
                ..Default::default()
            }
            .insert(txn)
            .await?;
            let entry = AuditEntry {
                action: "createReward",
                entity: Some("reward"),
                entity_id: Some(row.id),
                fields: Some("name,cost,stock".to_owned()),
                area_path: Some(row.area_path.clone()),
                ..Default::default()
            };
            change.audit(txn, entry).await?;
            Ok(row)
        })
        .await
}
