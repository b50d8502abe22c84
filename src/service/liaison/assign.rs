//! `assignLiaisonHouseholds`: the member's households become exactly the ones named,
//! each in the member's organisation's area and in the assigner's sight, at most the
//! configured maximum. The member's version is bumped, so two assignments for one
//! member read at the same version cannot both win.

use chrono::NaiveDate;
use chrono_tz::Asia::Shanghai;
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ColumnTrait, DatabaseTransaction, EntityTrait, QueryFilter};
use sea_orm::{Set, SqlErr};

use entity::{household, liaison_assignment as liaison, party_member};

use crate::access::audit::AuditEntry;
use crate::access::{self, party_actions};
use crate::domain::liaison as rules;
use crate::error::{AppError, AppResult};
use crate::service::change::Change;
use crate::service::versioned;

/// Whose households become which, as read at which version (if the caller says).
#[derive(Clone, Debug)]
pub struct AssignLiaison {
    pub member_id: i32,
    pub household_ids: Vec<i32>,
    pub version: Option<i32>,
    /// The configured maximum of households per member.
    pub max: u32,
}

/// Assigns; see the module documentation.
pub async fn assign(change: &Change<'_>, input: AssignLiaison) -> AppResult<party_member::Model> {
    change
        .run(
            "assignLiaisonHouseholds",
            "liaison_assignment",
            async |txn| {
                let member = access::visible::<party_member::Entity>(change.viewer)
                    .filter(party_member::Column::Id.eq(input.member_id))
                    .one(txn)
                    .await?
                    .ok_or(AppError::NotFound)?;
                if !party_actions::may_assign_liaisons(change.viewer, &member.area_path) {
                    return Err(AppError::Forbidden(
                        "only community staff, party secretaries and administrators assign \
                     liaison households"
                            .to_owned(),
                    ));
                }
                if input
                    .version
                    .is_some_and(|version| version != member.version)
                {
                    return Err(versioned::stale());
                }
                let current = active_households(txn, member.id).await?;
                let plan = rules::plan(&current, &input.household_ids, input.max)
                    .map_err(AppError::BadUserInput)?;
                let starting = check_households(change, txn, &member, &plan.start).await?;
                let today = change.now.with_timezone(&Shanghai).date_naive();
                apply(change, txn, &member, &plan.end, starting, today).await?;
                versioned::update(
                    txn,
                    <party_member::ActiveModel as Default>::default(),
                    party_member::Column::Id,
                    member.id,
                    party_member::Column::Version,
                    member.version,
                )
                .await?;
                let entry = AuditEntry {
                    action: "assignLiaisonHouseholds",
                    entity: Some("party_member"),
                    entity_id: Some(member.id),
                    fields: Some("liaison_households".to_owned()),
                    area_path: Some(member.area_path.clone()),
                    ..Default::default()
                };
                change.audit(txn, entry).await?;
                Ok(party_member::Model {
                    version: member.version + 1,
                    ..member
                })
            },
        )
        .await
}

async fn active_households(txn: &DatabaseTransaction, member: i32) -> AppResult<Vec<i32>> {
    let rows = liaison::Entity::find()
        .filter(liaison::Column::MemberId.eq(member))
        .filter(liaison::Column::EndedOn.is_null())
        .all(txn)
        .await?;
    Ok(rows.into_iter().map(|row| row.household_id).collect())
}

/// The households to start exist in the assigner's sight (else NOT_FOUND), lie in the
/// area of the member's organisation (else BAD_USER_INPUT) and have no other active
/// liaison member (else CONFLICT).
async fn check_households(
    change: &Change<'_>,
    txn: &DatabaseTransaction,
    member: &party_member::Model,
    starting: &[i32],
) -> AppResult<Vec<household::Model>> {
    if starting.is_empty() {
        return Ok(Vec::new());
    }
    let found = access::visible::<household::Entity>(change.viewer)
        .filter(household::Column::Id.is_in(starting.iter().copied()))
        .all(txn)
        .await?;
    let reachable = found
        .iter()
        .filter(|row| party_actions::may_assign_liaisons(change.viewer, &row.path))
        .count();
    if reachable != starting.len() {
        return Err(AppError::NotFound);
    }
    if let Some(outside) = found
        .iter()
        .find(|row| !access::path_is_under(&row.path, &member.area_path))
    {
        return Err(AppError::bad_input(format!(
            "household {} is outside the area of the member's organisation",
            outside.code
        )));
    }
    let taken = liaison::Entity::find()
        .filter(liaison::Column::HouseholdId.is_in(starting.iter().copied()))
        .filter(liaison::Column::EndedOn.is_null())
        .one(txn)
        .await?;
    match taken {
        Some(_) => Err(taken_error()),
        None => Ok(found),
    }
}

fn taken_error() -> AppError {
    AppError::Conflict("a household already has a liaison member; end that first".to_owned())
}

/// Ends the liaisons dropped (kept as history) and starts the new ones.
async fn apply(
    change: &Change<'_>,
    txn: &DatabaseTransaction,
    member: &party_member::Model,
    ending: &[i32],
    starting: Vec<household::Model>,
    today: NaiveDate,
) -> AppResult<()> {
    if !ending.is_empty() {
        liaison::Entity::update_many()
            .col_expr(liaison::Column::EndedOn, Expr::value(today))
            .filter(liaison::Column::MemberId.eq(member.id))
            .filter(liaison::Column::HouseholdId.is_in(ending.iter().copied()))
            .filter(liaison::Column::EndedOn.is_null())
            .exec(txn)
            .await?;
    }
    for household in starting {
        liaison::ActiveModel {
            member_id: Set(member.id),
            household_id: Set(household.id),
            area_path: Set(household.path),
            started_on: Set(today),
            ended_on: Set(None),
            created_at: Set(change.now),
            ..Default::default()
        }
        .insert(txn)
        .await
        .map_err(|err| match err.sql_err() {
            Some(SqlErr::UniqueConstraintViolation(_)) => taken_error(),
            _ => err.into(),
        })?;
    }
    Ok(())
}
