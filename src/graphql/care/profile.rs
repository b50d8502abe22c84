//! The `CareProfile` node: every field passes through [`CareView`], so what a role
//! sees is decided by the access policy alone.

use async_graphql::{Context, ID, Object, SimpleObject};
use chrono::NaiveDate;

use entity::care_profile;

use super::enums::{DisabilityType, LivingArrangement};
use super::filters::{CareProfileFilter, CareProfileOrder};
use crate::access::care::CareView;
use crate::error::{AppError, AppResult};
use crate::graphql::context::RequestContext;
use crate::graphql::ids::{self, NodeKind};
use crate::graphql::macros::resource;
use crate::graphql::pagination::Resource;
use crate::graphql::resolve::by_id;
use crate::graphql::territory::Resident;

/// The care profile (关爱档案) of an elderly resident or a child: sensitive data,
/// masked per role; null fields are either unknown or hidden from the viewer.
#[derive(Clone)]
pub struct CareProfile(pub care_profile::Model);
resource!(
    CareProfile,
    care_profile,
    CareProfileOrder,
    CareProfileFilter
);

/// A contact person, masked like a resident's name and phone.
#[derive(SimpleObject)]
pub struct CareContact {
    pub name: String,
    pub phone: String,
}

/// An ability assessment after GB/T 42195.
#[derive(SimpleObject)]
pub struct AbilityAssessment {
    /// 0 (intact) … 4 (total loss of ability).
    pub level: i32,
    pub assessed_on: NaiveDate,
    /// Grades 0 … 3 of the dimensions.
    pub daily_living: Option<i32>,
    pub cognition: Option<i32>,
    pub perception_communication: Option<i32>,
    pub social_participation: Option<i32>,
}

fn contact(pair: Option<(String, String)>) -> Option<CareContact> {
    pair.map(|(name, phone)| CareContact { name, phone })
}

impl CareProfile {
    async fn view<'a>(&'a self, ctx: &Context<'_>) -> AppResult<CareView<'a>> {
        let request = RequestContext::of(ctx)?;
        let resident = by_id::<Resident>(ctx, self.0.resident_id)
            .await?
            .ok_or(AppError::NotFound)?;
        let today = request.filter_env().today;
        Ok(CareView::new(
            &request.viewer,
            &self.0,
            resident.model().birth_date,
            today,
        ))
    }
}

#[Object]
impl CareProfile {
    /// Opaque global id.
    pub async fn id(&self) -> ID {
        ids::encode(NodeKind::CareProfile, self.0.id)
    }
    /// Changes with every upsert.
    async fn version(&self) -> i32 {
        self.0.version
    }
    /// The resident it is about.
    async fn resident(&self, ctx: &Context<'_>) -> AppResult<Option<Resident>> {
        by_id(ctx, self.0.resident_id).await
    }
    /// Living alone, empty nest or with family (S2).
    async fn living_arrangement(&self, ctx: &Context<'_>) -> AppResult<Option<LivingArrangement>> {
        Ok(self.view(ctx).await?.living_arrangement().map(Into::into))
    }
    /// The latest ability assessment (S3).
    async fn ability_assessment(&self, ctx: &Context<'_>) -> AppResult<Option<AbilityAssessment>> {
        let view = self.view(ctx).await?;
        Ok(view
            .assessment()
            .map(|(level, assessed_on, d)| AbilityAssessment {
                level,
                assessed_on,
                daily_living: d[0],
                cognition: d[1],
                perception_communication: d[2],
                social_participation: d[3],
            }))
    }
    /// Disability category (S3).
    async fn disability_type(&self, ctx: &Context<'_>) -> AppResult<Option<DisabilityType>> {
        Ok(self.view(ctx).await?.disability().map(|d| d.0.into()))
    }
    /// Disability grade 1 (most severe) … 4 (S3).
    async fn disability_grade(&self, ctx: &Context<'_>) -> AppResult<Option<i32>> {
        Ok(self.view(ctx).await?.disability().map(|d| d.1))
    }
    /// Who looks in on them regularly (S2).
    async fn regular_contact(&self, ctx: &Context<'_>) -> AppResult<Option<CareContact>> {
        Ok(contact(self.view(ctx).await?.regular_contact()))
    }
    /// Whom to call in an emergency; the phone is masked unless the role sees S3.
    async fn emergency_contact(&self, ctx: &Context<'_>) -> AppResult<Option<CareContact>> {
        Ok(contact(self.view(ctx).await?.emergency_contact()))
    }
    /// A left-behind child (留守儿童) (S3).
    async fn left_behind(&self, ctx: &Context<'_>) -> AppResult<Option<bool>> {
        Ok(self.view(ctx).await?.left_behind())
    }
    /// A child's guardian (S2; S3 under 14).
    async fn guardian(&self, ctx: &Context<'_>) -> AppResult<Option<CareContact>> {
        Ok(contact(self.view(ctx).await?.guardian()))
    }
    /// The guardian's relation to the child (S2; S3 under 14).
    async fn guardian_relation(&self, ctx: &Context<'_>) -> AppResult<Option<String>> {
        Ok(self.view(ctx).await?.guardian_relation())
    }
    /// A child's school (S2; S3 under 14).
    async fn school(&self, ctx: &Context<'_>) -> AppResult<Option<String>> {
        Ok(self.view(ctx).await?.school())
    }
}
