//! `recordLinkageMeeting`: the level matches the area, the area is the recorder's (an
//! area they keep party rolls in), the attendees are organisations and members in the
//! recorder's sight serving areas under the meeting's area.

use std::collections::BTreeSet;

use chrono::NaiveDate;
use chrono_tz::Asia::Shanghai;
use sea_orm::Set;
use sea_orm::{ActiveModelTrait, ColumnTrait, DatabaseTransaction, QueryFilter, QuerySelect};

use entity::{
    community, district, linkage_meeting, linkage_meeting_attendee as attendee, party_member,
    party_organization, street,
};

use crate::access::audit::AuditEntry;
use crate::access::{self, PrincipalKind, Viewer, party_actions};
use crate::domain::linkage::{self, Level};
use crate::error::{AppError, AppResult};
use crate::service::change::Change;

/// A meeting as entered.
#[derive(Clone, Debug)]
pub struct NewMeeting {
    pub level: Level,
    pub area_id: i32,
    pub held_on: NaiveDate,
    pub title: String,
    pub topics: Vec<String>,
    pub decisions: Vec<String>,
    pub organization_ids: Vec<i32>,
    pub member_ids: Vec<i32>,
}

/// Records; see the module documentation.
pub async fn record(change: &Change<'_>, new: NewMeeting) -> AppResult<linkage_meeting::Model> {
    let table = new.level.area_table().map_err(AppError::BadUserInput)?;
    let today = change.now.with_timezone(&Shanghai).date_naive();
    let minutes = linkage::validate(new.held_on, today, &new.title, &new.topics, &new.decisions)
        .map_err(AppError::BadUserInput)?;
    if new.organization_ids.is_empty() && new.member_ids.is_empty() {
        return Err(AppError::bad_input("name at least one attendee"));
    }
    let organizations = distinct(&new.organization_ids, "organizationIds")?;
    let members = distinct(&new.member_ids, "memberIds")?;
    change
        .run("recordLinkageMeeting", "linkage_meeting", async |txn| {
            let area_path = area_path(change, txn, table, new.area_id).await?;
            if !party_actions::may_record_meetings(change.viewer, &area_path) {
                return Err(AppError::Forbidden(
                    "only the area's staff, party secretaries and administrators record its \
                     linkage meetings"
                        .to_owned(),
                ));
            }
            check_attendees(change, txn, &area_path, &organizations, &members).await?;
            let meeting = linkage_meeting::ActiveModel {
                level: Set(new.level.as_str().to_owned()),
                area_kind: Set(table.to_owned()),
                area_id: Set(new.area_id),
                area_path: Set(area_path.clone()),
                held_on: Set(new.held_on),
                title: Set(minutes.title),
                topics: Set(json(&minutes.topics)?),
                decisions: Set(json(&minutes.decisions)?),
                recorded_by_user_id: Set(recorder(change.viewer)),
                created_at: Set(change.now),
                version: Set(1),
                ..Default::default()
            }
            .insert(txn)
            .await?;
            let people = members.iter().map(|id| (None, Some(*id)));
            for (organization_id, member_id) in organizations
                .iter()
                .map(|id| (Some(*id), None))
                .chain(people)
            {
                attendee::ActiveModel {
                    meeting_id: Set(meeting.id),
                    organization_id: Set(organization_id),
                    member_id: Set(member_id),
                    area_path: Set(area_path.clone()),
                    ..Default::default()
                }
                .insert(txn)
                .await?;
            }
            let entry = AuditEntry {
                action: "recordLinkageMeeting",
                entity: Some("linkage_meeting"),
                entity_id: Some(meeting.id),
                fields: Some("level,held_on,title,topics,decisions,attendees".to_owned()),
                area_path: Some(area_path),
                ..Default::default()
            };
            change.audit(txn, entry).await?;
            Ok(meeting)
        })
        .await
}

/// The account recording the meeting (none for the system).
fn recorder(viewer: &Viewer) -> Option<i32> {
    viewer
        .principal()
        .filter(|principal| principal.kind == PrincipalKind::User)
        .map(|principal| principal.id)
}

fn distinct(ids: &[i32], what: &str) -> AppResult<Vec<i32>> {
    let set: BTreeSet<i32> = ids.iter().copied().collect();
    if set.len() != ids.len() {
        return Err(AppError::bad_input(format!("`{what}` names one twice")));
    }
    Ok(set.into_iter().collect())
}

fn json(items: &[String]) -> AppResult<String> {
    serde_json::to_string(items).map_err(|err| AppError::Internal(format!("minutes: {err}")))
}

/// The path of the district, street or community holding the meeting, if in sight.
async fn area_path(
    change: &Change<'_>,
    txn: &DatabaseTransaction,
    table: &str,
    id: i32,
) -> AppResult<String> {
    macro_rules! path_of {
        ($module:ident) => {
            access::visible::<$module::Entity>(change.viewer)
                .filter($module::Column::Id.eq(id))
                .select_only()
                .column($module::Column::Path)
                .into_tuple::<String>()
                .one(txn)
                .await?
        };
    }
    let path = match table {
        "district" => path_of!(district),
        "street" => path_of!(street),
        _ => path_of!(community),
    };
    path.ok_or(AppError::NotFound)
}

/// Every attendee is in the recorder's sight (NOT_FOUND otherwise) and serves an area
/// under the meeting's (BAD_USER_INPUT otherwise).
async fn check_attendees(
    change: &Change<'_>,
    txn: &DatabaseTransaction,
    area_path: &str,
    organizations: &[i32],
    members: &[i32],
) -> AppResult<()> {
    let organization_paths: Vec<String> =
        access::visible::<party_organization::Entity>(change.viewer)
            .filter(party_organization::Column::Id.is_in(organizations.iter().copied()))
            .select_only()
            .column(party_organization::Column::AreaPath)
            .into_tuple()
            .all(txn)
            .await?;
    let member_paths: Vec<String> = access::visible::<party_member::Entity>(change.viewer)
        .filter(party_member::Column::Id.is_in(members.iter().copied()))
        .select_only()
        .column(party_member::Column::AreaPath)
        .into_tuple()
        .all(txn)
        .await?;
    if organization_paths.len() != organizations.len() || member_paths.len() != members.len() {
        return Err(AppError::NotFound);
    }
    let outside = organization_paths
        .iter()
        .chain(&member_paths)
        .any(|path| !access::path_is_under(path, area_path));
    if outside {
        return Err(AppError::bad_input(
            "every attendee must serve an area under the meeting's area",
        ));
    }
    Ok(())
}
