//! The resident filter: area, tags (any of), name, and an age range in Asia/Shanghai.

use async_graphql::{ID, InputObject};
use sea_orm::ColumnTrait;
use sea_orm::sea_query::{Condition, Expr, ExprTrait};

use entity::resident::Column;

use super::filters::{contains, under_area};
use crate::access::pii::tag_class;
use crate::access::policy::PiiClass;
use crate::domain::age::{born_after_for_age, born_on_or_before_for_age};
use crate::domain::tags::{ADULT_AGE, ELDERLY_AGE, ResidentTag};
use crate::error::{AppError, AppResult};
use crate::graphql::pagination::FilterEnv;

const MAX_AGE: i32 = 150;

/// Which residents to list.
#[derive(InputObject, Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct ResidentFilter {
    /// Only residents living anywhere under this area.
    pub area_id: Option<ID>,
    /// Only residents with at least one of these tags.
    pub tags: Option<Vec<ResidentTag>>,
    /// Only residents whose name contains this text.
    pub name_contains: Option<String>,
    /// Only residents at least this old (completed years, Asia/Shanghai).
    pub age_min: Option<i32>,
    /// Only residents at most this old.
    pub age_max: Option<i32>,
}

impl ResidentFilter {
    pub fn condition(&self, env: FilterEnv) -> AppResult<Condition> {
        self.check_access(env)?;
        let mut condition = Condition::all()
            .add(under_area(Column::AreaPath, self.area_id.as_ref())?)
            .add(contains(Column::Name, self.name_contains.as_deref())?);
        if let Some(tags) = &self.tags {
            condition = condition.add(any_tag(tags, env));
        }
        let (min, max) = (
            check_age("ageMin", self.age_min)?,
            check_age("ageMax", self.age_max)?,
        );
        if let (Some(min), Some(max)) = (min, max)
            && min > max
        {
            return Err(AppError::bad_input("`ageMin` must not exceed `ageMax`"));
        }
        if let Some(min) = min {
            condition =
                condition.add(Column::BirthDate.lte(born_on_or_before_for_age(env.today, min)));
        }
        if let Some(max) = max {
            condition = condition.add(Column::BirthDate.gt(born_after_for_age(env.today, max)));
        }
        Ok(condition)
    }
}

impl ResidentFilter {
    /// Filtering on a field the viewer sees masked would let it probe the value.
    fn check_access(&self, env: FilterEnv) -> AppResult<()> {
        if self.name_contains.is_some() {
            env.require(PiiClass::S2, "`nameContains`")?;
        }
        if self.age_min.is_some() || self.age_max.is_some() {
            env.require(PiiClass::S2, "`ageMin`/`ageMax`")?;
        }
        for tag in self.tags.iter().flatten() {
            if tag.bit().is_some() {
                env.require(tag_class(*tag), "filtering by this tag")?;
            }
        }
        Ok(())
    }
}

fn check_age(name: &str, age: Option<i32>) -> AppResult<Option<u32>> {
    match age {
        Some(age) if !(0..=MAX_AGE).contains(&age) => Err(AppError::bad_input(format!(
            "`{name}` must be between 0 and {MAX_AGE}"
        ))),
        other => Ok(other.map(|age| age as u32)),
    }
}

/// Residents carrying any of `tags`: stored tags by bit, age tags by birth date.
fn any_tag(tags: &[ResidentTag], env: FilterEnv) -> Condition {
    let mut any = Condition::any();
    let bits = ResidentTag::bits_of(tags);
    if bits != 0 {
        any = any.add(Expr::col(Column::Tags).bit_and(bits).ne(0));
    }
    if tags.contains(&ResidentTag::Elderly) {
        any = any.add(Column::BirthDate.lte(born_on_or_before_for_age(env.today, ELDERLY_AGE)));
    }
    if tags.contains(&ResidentTag::Child) {
        any = any.add(Column::BirthDate.gt(born_after_for_age(env.today, ADULT_AGE - 1)));
    }
    if tags.is_empty() {
        // "Any of no tags" matches nothing rather than everything.
        any = any.add(Expr::val(1).eq(0));
    }
    any
}
