//! `submitRequest`: a new request at its category's default level, with its accept
//! deadline running, its SUBMITTED event and its audit row, in one transaction.

use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseTransaction, EntityTrait, QueryFilter,
    Set,
};

use entity::request_enums::Channel;
use entity::{building, household, request, request_category, resident, unit};

use super::new::{NewRequest, PathIds, Place, Reporter, Valid, validate};
use super::record::{self, Transition};
use super::{Changed, deadlines, repeats};
use crate::access::{self, Viewer, request_actions};
use crate::domain::requests::lifecycle::{self, Deadline};
use crate::error::{AppError, AppResult};
use crate::service::change::Change;

/// Submits a request; see the module documentation.
pub async fn submit(change: &Change<'_>, input: NewRequest) -> AppResult<Changed> {
    let valid = admit(change.viewer, &input)?;
    change
        .run("submitRequest", "request", async |txn| {
            insert(change, txn, &input, &valid).await
        })
        .await
}

/// Submits a request inside the transaction of a larger change (a visit's finding
/// opening one), with the same checks as [`submit`].
pub async fn submit_within(
    change: &Change<'_>,
    txn: &DatabaseTransaction,
    input: &NewRequest,
) -> AppResult<Changed> {
    let valid = admit(change.viewer, input)?;
    insert(change, txn, input, &valid).await
}

/// The checks before any SQL: valid input, through a channel the viewer may use.
fn admit(viewer: &Viewer, input: &NewRequest) -> AppResult<Valid> {
    let valid = validate(input)?;
    if !request_actions::may_submit(viewer, input.channel) {
        return Err(AppError::Forbidden(
            "this account may not submit requests through that channel".to_owned(),
        ));
    }
    Ok(valid)
}

async fn insert(
    change: &Change<'_>,
    txn: &DatabaseTransaction,
    input: &NewRequest,
    valid: &Valid,
) -> AppResult<Changed> {
    let category = request_category::Entity::find()
        .filter(request_category::Column::Code.eq(input.category_code.trim()))
        .one(txn)
        .await?
        .ok_or_else(|| AppError::bad_input("unknown request category"))?;
    let path = place_path(txn, change.viewer, input.place).await?;
    let (reporter_resident_id, reporter_user_id) =
        reporter(txn, change.viewer, &input.reporter, input.channel).await?;
    let ids = PathIds::parse(&path)?;
    let level = category.default_level;
    let policy = deadlines::policy(txn, category.id, level, input.urgency).await?;
    let calendar = deadlines::calendar(txn, change.now).await?;
    let window = deadlines::window(&policy, Deadline::Accept, change.now, &calendar);
    let state = lifecycle::submitted(level);
    let (contact_name, contact_phone) = valid.contact.clone().unzip();
    let row = request::ActiveModel {
        channel: Set(input.channel),
        external_order_id: Set(valid.external_order_id.clone()),
        category_id: Set(category.id),
        building_id: Set(ids.building),
        unit_id: Set(ids.unit),
        household_id: Set(ids.household),
        area_path: Set(path),
        reporter_resident_id: Set(reporter_resident_id),
        reporter_user_id: Set(reporter_user_id),
        contact_name: Set(contact_name),
        contact_phone: Set(contact_phone),
        description: Set(valid.description.clone()),
        attachments: Set(valid.attachments.clone()),
        urgency: Set(input.urgency),
        status: Set(state.status),
        level: Set(level),
        submitted_at: Set(change.now),
        updated_at: Set(change.now),
        accept_due_at: Set(window.due),
        sla_started_at: Set(Some(window.started)),
        sla_warn_at: Set(Some(window.warn)),
        sla_due_at: Set(Some(window.due)),
        version: Set(1),
        rework_count: Set(0),
        ..Default::default()
    }
    .insert(txn)
    .await
    .map_err(duplicate_order)?;
    repeats::refresh(txn, row.category_id, &row.area_path, row.submitted_at).await?;
    let row = request::Entity::find_by_id(row.id)
        .one(txn)
        .await?
        .ok_or(AppError::NotFound)?;
    let transition = Transition {
        action: "SUBMIT",
        from: None,
        note: None,
    };
    let event = record::event_and_audit(change, txn, "submitRequest", &row, transition).await?;
    Ok(Changed {
        request: row,
        event,
    })
}

/// A 12345 order already taken in is a conflict, not a second request.
fn duplicate_order(err: sea_orm::DbErr) -> AppError {
    match err.sql_err() {
        Some(sea_orm::SqlErr::UniqueConstraintViolation(_)) => {
            AppError::Conflict("a request with this external order id exists".to_owned())
        }
        _ => err.into(),
    }
}

/// The path of the place, if the viewer sees it (out of sight reads as absent).
async fn place_path(db: &impl ConnectionTrait, viewer: &Viewer, place: Place) -> AppResult<String> {
    let path = match place {
        Place::Building(id) => access::visible::<building::Entity>(viewer)
            .filter(building::Column::Id.eq(id))
            .one(db)
            .await?
            .map(|row| row.path),
        Place::Unit(id) => access::visible::<unit::Entity>(viewer)
            .filter(unit::Column::Id.eq(id))
            .one(db)
            .await?
            .map(|row| row.path),
        Place::Household(id) => access::visible::<household::Entity>(viewer)
            .filter(household::Column::Id.eq(id))
            .one(db)
            .await?
            .map(|row| row.path),
    };
    path.ok_or(AppError::NotFound)
}

/// (reporter resident, reporter account). A resident reporting through the
/// mini-program owns the request; staff taking a report in do not.
async fn reporter(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    reporter: &Reporter,
    channel: Channel,
) -> AppResult<(Option<i32>, Option<i32>)> {
    let principal = viewer.principal();
    let account = principal
        .filter(|_| channel == Channel::MiniProgram)
        .filter(|principal| principal.kind == access::PrincipalKind::User)
        .map(|principal| principal.id);
    let resident_id = match reporter {
        Reporter::Myself => {
            let own = principal.and_then(|principal| principal.resident_id);
            if own.is_none() && channel == Channel::MiniProgram {
                return Err(AppError::bad_input(
                    "a MINI_PROGRAM request comes from a resident's account",
                ));
            }
            own
        }
        Reporter::Resident(id) => {
            let seen = access::visible::<resident::Entity>(viewer)
                .filter(resident::Column::Id.eq(*id))
                .one(db)
                .await?;
            Some(seen.ok_or(AppError::NotFound)?.id)
        }
        Reporter::Contact { .. } => None,
    };
    Ok((resident_id, account))
}
