//! `auditLog`: the audit trail of the viewer's district, newest first.

use async_graphql::{Context, ID, InputObject, Object, SimpleObject};
use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, QueryFilter, QueryOrder, QuerySelect};

use entity::audit_log;

use crate::access::{self, Role, Viewer};
use crate::error::{AppError, AppResult};
use crate::graphql::context::RequestContext;
use crate::graphql::pagination::PageInfo;

/// Which audit entries to list.
#[derive(InputObject, Default)]
pub struct AuditLogFilter {
    /// Only this operation, e.g. `revealResidentField`.
    pub action: Option<String>,
    /// Only entries at or after this time.
    pub from: Option<DateTime<Utc>>,
    /// Only entries before this time.
    pub to: Option<DateTime<Utc>>,
}

/// One audit entry.
#[derive(SimpleObject)]
pub struct AuditEntry {
    pub id: ID,
    pub at: DateTime<Utc>,
    /// USER, CLIENT, ANONYMOUS or SYSTEM.
    pub actor_kind: String,
    pub actor_name: Option<String>,
    /// Roles the actor held, comma-separated.
    pub roles: String,
    pub action: String,
    pub entity: Option<String>,
    pub entity_id: Option<i32>,
    pub fields: Option<String>,
    pub purpose: Option<String>,
    pub request_id: Option<String>,
    pub client_ip: Option<String>,
    /// SUCCESS, DENIED or FAILED.
    pub outcome: String,
}

/// A page of audit entries, newest first.
#[derive(SimpleObject)]
pub struct AuditEntryConnection {
    pub nodes: Vec<AuditEntry>,
    pub page_info: PageInfo,
}

#[derive(Default)]
pub struct AuditQuery;

#[Object]
impl AuditQuery {
    /// The audit trail under the viewer's district (DISTRICT_ADMIN only), newest first.
    /// `after` is the `endCursor` of the previous page.
    async fn audit_log(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
        filter: Option<AuditLogFilter>,
    ) -> AppResult<AuditEntryConnection> {
        let request = RequestContext::signed_in(ctx)?;
        require_district_admin(&request.viewer)?;
        let limit = first.unwrap_or(request.limits.default as i32);
        if !(0..=request.limits.max as i32).contains(&limit) {
            return Err(AppError::bad_input(format!(
                "`first` must be between 0 and {}",
                request.limits.max
            )));
        }
        let filter = filter.unwrap_or_default();
        let mut select = access::visible::<audit_log::Entity>(&request.viewer)
            .order_by_desc(audit_log::Column::Id)
            .limit(limit as u64 + 1);
        if let Some(after) = &after {
            let id: i64 = after
                .parse()
                .map_err(|_| AppError::bad_input("invalid cursor"))?;
            select = select.filter(audit_log::Column::Id.lt(id));
        }
        if let Some(action) = filter.action {
            select = select.filter(audit_log::Column::Action.eq(action));
        }
        if let Some(from) = filter.from {
            select = select.filter(audit_log::Column::At.gte(from));
        }
        if let Some(to) = filter.to {
            select = select.filter(audit_log::Column::At.lt(to));
        }
        let mut rows = select.all(&request.db).await?;
        let has_next_page = rows.len() > limit as usize;
        rows.truncate(limit as usize);
        let cursor = |row: &audit_log::Model| row.id.to_string();
        let page_info = PageInfo {
            has_next_page,
            has_previous_page: after.is_some(),
            start_cursor: rows.first().map(cursor),
            end_cursor: rows.last().map(cursor),
        };
        Ok(AuditEntryConnection {
            nodes: rows.into_iter().map(AuditEntry::from).collect(),
            page_info,
        })
    }
}

fn require_district_admin(viewer: &Viewer) -> AppResult<()> {
    let allowed = viewer.principal().is_some_and(|p| {
        p.grants
            .iter()
            .any(|grant| grant.role == Role::DistrictAdmin)
    });
    if allowed {
        Ok(())
    } else {
        Err(AppError::Forbidden(
            "the audit log is for district administrators".into(),
        ))
    }
}

impl From<audit_log::Model> for AuditEntry {
    fn from(row: audit_log::Model) -> Self {
        AuditEntry {
            id: ID(row.id.to_string()),
            at: row.at,
            actor_kind: row.actor_kind,
            actor_name: row.actor_name,
            roles: row.roles,
            action: row.action,
            entity: row.entity,
            entity_id: row.entity_id,
            fields: row.fields,
            purpose: row.purpose,
            request_id: row.request_id,
            client_ip: row.client_ip,
            outcome: row.outcome,
        }
    }
}
