//! The audit trail: one append-only row for every mutation and every reveal of personal
//! data, written in the same transaction as the change it records.

use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, ConnectionTrait, Set};

use entity::audit_log;

use super::viewer::{PrincipalKind, Viewer};
use crate::error::AppResult;

/// Where a request came from, for the audit trail.
#[derive(Clone, Debug, Default)]
pub struct RequestMeta {
    pub request_id: String,
    pub client_ip: Option<String>,
    /// The `Idempotency-Key` header, as sent (mutations check and use it).
    pub idempotency_key: Option<String>,
}

/// What happened, in the words of the audit trail.
#[derive(Clone, Debug, Default)]
pub struct AuditEntry {
    /// The operation, e.g. `revealResidentField` or `login`.
    pub action: &'static str,
    pub entity: Option<&'static str>,
    pub entity_id: Option<i32>,
    /// Fields read or written, comma-separated.
    pub fields: Option<String>,
    pub purpose: Option<String>,
    /// The area the action touched, so audits can be scoped like everything else.
    pub area_path: Option<String>,
    pub outcome: Outcome,
    /// Who an anonymous caller claimed to be (the username of a sign-in attempt).
    pub claimed_actor: Option<String>,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Outcome {
    #[default]
    Success,
    Denied,
    Failed,
}

impl Outcome {
    /// The outcome of an operation that ended with `result`.
    pub fn of<T>(result: &AppResult<T>) -> Outcome {
        match result {
            Ok(_) => Outcome::Success,
            Err(err) if matches!(err.code(), "UNAUTHENTICATED" | "FORBIDDEN" | "NOT_FOUND") => {
                Outcome::Denied
            }
            Err(_) => Outcome::Failed,
        }
    }

    fn as_str(self) -> &'static str {
        match self {
            Outcome::Success => "SUCCESS",
            Outcome::Denied => "DENIED",
            Outcome::Failed => "FAILED",
        }
    }
}

/// Appends one audit row on `db` (pass the transaction of the change it records).
pub async fn record<C: ConnectionTrait>(
    db: &C,
    viewer: &Viewer,
    meta: &RequestMeta,
    at: DateTime<Utc>,
    entry: AuditEntry,
) -> AppResult<()> {
    let (actor_kind, actor_id, actor_name, roles) = match viewer {
        Viewer::Anonymous => (
            "ANONYMOUS",
            None,
            entry.claimed_actor.clone(),
            String::new(),
        ),
        Viewer::System => ("SYSTEM", None, None, String::new()),
        Viewer::Principal(principal) => {
            let kind = match principal.kind {
                PrincipalKind::User => "USER",
                PrincipalKind::Client => "CLIENT",
            };
            let roles: Vec<&str> = principal.grants.iter().map(|g| g.role.as_str()).collect();
            (
                kind,
                Some(principal.id),
                Some(principal.name.clone()),
                roles.join(","),
            )
        }
    };
    audit_log::ActiveModel {
        at: Set(at),
        actor_kind: Set(actor_kind.to_owned()),
        actor_id: Set(actor_id),
        actor_name: Set(actor_name),
        roles: Set(roles),
        action: Set(entry.action.to_owned()),
        entity: Set(entry.entity.map(str::to_owned)),
        entity_id: Set(entry.entity_id),
        fields: Set(entry.fields),
        purpose: Set(entry.purpose),
        request_id: Set(Some(meta.request_id.clone())),
        client_ip: Set(meta.client_ip.clone()),
        area_path: Set(entry.area_path),
        outcome: Set(entry.outcome.as_str().to_owned()),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}
