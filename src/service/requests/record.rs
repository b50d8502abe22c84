//! The event and audit rows every request change writes in its transaction.

use sea_orm::{ActiveModelTrait, DatabaseTransaction, Set};

use entity::request_enums::{HandlingLevel, RequestStatus};
use entity::{request, request_event};

use crate::access::Viewer;
use crate::access::audit::AuditEntry;
use crate::error::AppResult;
use crate::events::Event;
use crate::service::change::Change;

/// A transition as the event row records it.
pub struct Transition<'a> {
    pub action: &'static str,
    pub from: Option<(RequestStatus, HandlingLevel)>,
    pub note: Option<&'a str>,
}

/// Writes the event of `transition` (which left the request as `after`) and the audit
/// row of the mutation `mutation`.
pub async fn event_and_audit(
    change: &Change<'_>,
    txn: &DatabaseTransaction,
    mutation: &'static str,
    after: &request::Model,
    transition: Transition<'_>,
) -> AppResult<request_event::Model> {
    let (actor_kind, actor_id, actor_name) = actor(change.viewer);
    let event = request_event::ActiveModel {
        request_id: Set(after.id),
        area_path: Set(after.area_path.clone()),
        reporter_user_id: Set(after.reporter_user_id),
        at: Set(change.now),
        actor_kind: Set(actor_kind.to_owned()),
        actor_id: Set(actor_id),
        actor_name: Set(actor_name),
        action: Set(transition.action.to_owned()),
        from_status: Set(transition.from.map(|(status, _)| status)),
        to_status: Set(after.status),
        from_level: Set(transition.from.map(|(_, level)| level)),
        to_level: Set(after.level),
        note: Set(transition.note.map(str::to_owned)),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    let entry = AuditEntry {
        action: mutation,
        entity: Some("request"),
        entity_id: Some(after.id),
        fields: Some("status,level".to_owned()),
        area_path: Some(after.area_path.clone()),
        ..Default::default()
    };
    change.audit(txn, entry).await?;
    let announced = Event::RequestEvent {
        event_id: event.id,
        area_path: event.area_path.clone(),
    };
    change.announce(txn, announced).await?;
    Ok(event)
}

fn actor(viewer: &Viewer) -> (&'static str, Option<i32>, Option<String>) {
    match viewer {
        Viewer::Principal(principal) => {
            let kind = match principal.kind {
                crate::access::PrincipalKind::User => "USER",
                crate::access::PrincipalKind::Client => "CLIENT",
            };
            (kind, Some(principal.id), Some(principal.name.clone()))
        }
        Viewer::System => ("SYSTEM", None, None),
        Viewer::Anonymous => ("ANONYMOUS", None, None),
    }
}
