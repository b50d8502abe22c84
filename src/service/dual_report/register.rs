//! `registerDualReport`: an in-service member (在职党员) in the registrar's sight, or the
//! party organisation of a co-building unit, registers with a residential community the
//! registrar keeps, taking a volunteer post and claiming a co-building project of that
//! community (or of an area above it). A second active registration of the same
//! reporter with the same community is CONFLICT.

use chrono::NaiveDate;
use sea_orm::{ActiveModelTrait, ColumnTrait, DatabaseTransaction, QueryFilter};
use sea_orm::{Set, SqlErr};

use entity::party_member::MemberCategory;
use entity::{community, dual_report, party_member, party_organization, project};

use crate::access::audit::AuditEntry;
use crate::access::{self, party_actions};
use crate::domain::dual_report as rules;
use crate::error::{AppError, AppResult};
use crate::service::change::Change;

/// Who reports.
#[derive(Clone, Copy, Debug)]
pub enum Reporter {
    Member(i32),
    Organization(i32),
}

/// A registration as entered.
#[derive(Clone, Debug)]
pub struct NewReport {
    pub reporter: Reporter,
    pub community_id: i32,
    pub volunteer_post: Option<String>,
    pub project_id: Option<i32>,
    /// Today unless given.
    pub registered_on: Option<NaiveDate>,
}

/// Registers; see the module documentation.
pub async fn register(change: &Change<'_>, new: NewReport) -> AppResult<dual_report::Model> {
    change
        .run("registerDualReport", "dual_report", async |txn| {
            let community = access::visible::<community::Entity>(change.viewer)
                .filter(community::Column::Id.eq(new.community_id))
                .one(txn)
                .await?
                .ok_or(AppError::NotFound)?;
            if !party_actions::may_keep_dual_reports(change.viewer, &community.path) {
                return Err(super::may_not());
            }
            let (member_id, organization_id) = reporter(change, txn, new.reporter).await?;
            let volunteer_post = rules::volunteer_post(new.volunteer_post.as_deref())
                .map_err(AppError::BadUserInput)?;
            let registered_on = new.registered_on.unwrap_or_else(|| super::today(change));
            rules::validate_registered(registered_on, super::today(change))
                .map_err(AppError::BadUserInput)?;
            if let Some(project) = new.project_id {
                check_project(change, txn, project, &community.path).await?;
            }
            let report = dual_report::ActiveModel {
                member_id: Set(member_id),
                organization_id: Set(organization_id),
                community_id: Set(community.id),
                area_path: Set(community.path.clone()),
                volunteer_post: Set(volunteer_post),
                project_id: Set(new.project_id),
                registered_on: Set(registered_on),
                ended_on: Set(None),
                hours_tenths: Set(0),
                created_at: Set(change.now),
                version: Set(1),
                ..Default::default()
            }
            .insert(txn)
            .await
            .map_err(|err| match err.sql_err() {
                Some(SqlErr::UniqueConstraintViolation(_)) => AppError::Conflict(
                    "already registered with this community; end that registration first"
                        .to_owned(),
                ),
                _ => err.into(),
            })?;
            let entry = AuditEntry {
                action: "registerDualReport",
                entity: Some("dual_report"),
                entity_id: Some(report.id),
                fields: Some("reporter,community,volunteer_post,project".to_owned()),
                area_path: Some(report.area_path.clone()),
                ..Default::default()
            };
            change.audit(txn, entry).await?;
            Ok(report)
        })
        .await
}

/// The reporter's member or organisation id: in sight (NOT_FOUND otherwise), an
/// in-service member or a co-building unit's organisation (BAD_USER_INPUT otherwise).
async fn reporter(
    change: &Change<'_>,
    txn: &DatabaseTransaction,
    reporter: Reporter,
) -> AppResult<(Option<i32>, Option<i32>)> {
    match reporter {
        Reporter::Member(id) => {
            let member = access::visible::<party_member::Entity>(change.viewer)
                .filter(party_member::Column::Id.eq(id))
                .one(txn)
                .await?
                .ok_or(AppError::NotFound)?;
            if member.category != MemberCategory::InService {
                return Err(AppError::bad_input(
                    "only in-service members (IN_SERVICE) report to a residential community",
                ));
            }
            Ok((Some(member.id), None))
        }
        Reporter::Organization(id) => {
            let organization = access::visible::<party_organization::Entity>(change.viewer)
                .filter(party_organization::Column::Id.eq(id))
                .one(txn)
                .await?
                .ok_or(AppError::NotFound)?;
            if organization.co_building_unit_id.is_none() {
                return Err(AppError::bad_input(
                    "only the party organisation of a co-building unit reports as an organisation",
                ));
            }
            Ok((None, Some(organization.id)))
        }
    }
}

/// The claimed project is in sight and serves the community (placed on it, under it,
/// or on an area above it).
async fn check_project(
    change: &Change<'_>,
    txn: &DatabaseTransaction,
    id: i32,
    community_path: &str,
) -> AppResult<()> {
    let project = access::visible::<project::Entity>(change.viewer)
        .filter(project::Column::Id.eq(id))
        .one(txn)
        .await?
        .ok_or(AppError::NotFound)?;
    let serves = access::path_is_under(&project.area_path, community_path)
        || access::path_is_under(community_path, &project.area_path);
    if serves {
        Ok(())
    } else {
        Err(AppError::bad_input(
            "the project does not serve this community",
        ))
    }
}
