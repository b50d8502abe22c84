//! Who is asking: nobody, a trusted internal caller, or an authenticated principal
//! (a user or an API client) with grants.

use std::sync::Arc;

use super::roles::{AreaRef, Grant};

/// Whether a principal is a person or a third-party application.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PrincipalKind {
    User,
    Client,
}

/// An authenticated party, as loaded from the database for a verified token.
#[derive(Clone, Debug)]
pub struct Principal {
    pub kind: PrincipalKind,
    /// `app_user.id` or `api_client.id`.
    pub id: i32,
    /// Username, or the client's public client id.
    pub name: String,
    pub grants: Vec<Grant>,
    /// API scopes (`territory:read`, …) of a client; empty for users.
    pub scopes: Vec<String>,
    /// The resident record of a user who is a resident.
    pub resident_id: Option<i32>,
    /// The area of an API client (users' areas are in their grants).
    pub area: Option<AreaRef>,
    /// An API client that may run registered (trusted) documents only.
    pub trusted_documents_only: bool,
    /// Operations an API client may run per day (Asia/Shanghai); none for users.
    pub daily_quota: Option<u64>,
}

/// The party a request acts for.
#[derive(Clone, Debug)]
pub enum Viewer {
    /// No token: only public data and the sign-in mutations.
    Anonymous,
    /// Trusted internal caller (CLI, seeding); never made from an HTTP request.
    System,
    /// A verified user or API client.
    Principal(Arc<Principal>),
}

impl Principal {
    /// Whether an API client holds `scope`.
    pub fn has_scope(&self, scope: &str) -> bool {
        self.scopes.iter().any(|held| held == scope)
    }
}

impl Viewer {
    pub fn principal(&self) -> Option<&Principal> {
        match self {
            Viewer::Principal(principal) => Some(principal),
            _ => None,
        }
    }
}
