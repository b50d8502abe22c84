//! From a verified token to a [`Principal`]: the account must still be active and at
//! the token's version. Loaded principals are cached in-process for at most
//! [`CACHE_TTL`], so requests cost no statement; disabling or revoking invalidates at
//! once on this instance and, through [`crate::events`], on the others: announced in
//! the changing transaction itself, and a whole cache emptied whenever its instance
//! may have missed announcements. The TTL is the backstop for what neither covers
//! (a row changed by hand in the database).

use std::collections::HashMap;
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

use entity::enums::AccountStatus;
use entity::{api_client, app_user, role_grant};

use super::jwt::Subject;
use crate::access::{AreaKind, AreaRef, Grant, Principal, PrincipalKind, Role};
use crate::error::AppResult;

/// How long a loaded principal is trusted without asking the database again. Not the
/// revocation delay (announcements are), so it can be long enough that a busy account
/// is not reloaded under load (bench/: every 30 s cost 2 statements per reload).
pub const CACHE_TTL: Duration = Duration::from_secs(300);
/// Past this many entries, stale ones are dropped on insert.
const PRUNE_AT: usize = 10_000;

struct Entry {
    loaded: Instant,
    version: i32,
    principal: Arc<Principal>,
}

/// Principals by subject, each trusted for [`CACHE_TTL`].
#[derive(Default)]
pub struct PrincipalCache {
    entries: RwLock<HashMap<Subject, Entry>>,
    /// Held while a subject's principal is loaded (striped by subject), so that the
    /// requests that find its entry expired at the same moment load it once, not once
    /// each (bench/: 16 clients of one account added 2 statements each per reload).
    loading: [tokio::sync::Mutex<()>; 16],
}

impl PrincipalCache {
    /// A fresh cached principal for `subject` at `version`.
    pub fn get(&self, subject: Subject, version: i32) -> Option<Arc<Principal>> {
        let entries = self.entries.read().unwrap_or_else(|e| e.into_inner());
        entries
            .get(&subject)
            .filter(|e| e.version == version && e.loaded.elapsed() < CACHE_TTL)
            .map(|e| e.principal.clone())
    }

    pub fn insert(&self, subject: Subject, version: i32, principal: Arc<Principal>) {
        let mut entries = self.entries.write().unwrap_or_else(|e| e.into_inner());
        if entries.len() >= PRUNE_AT {
            entries.retain(|_, e| e.loaded.elapsed() < CACHE_TTL);
        }
        let entry = Entry {
            loaded: Instant::now(),
            version,
            principal,
        };
        entries.insert(subject, entry);
    }

    /// Waits until no other request is loading `subject` (or a subject sharing its stripe).
    pub async fn loading(&self, subject: Subject) -> tokio::sync::MutexGuard<'_, ()> {
        use std::hash::{BuildHasher, RandomState};
        static STRIPES: std::sync::OnceLock<RandomState> = std::sync::OnceLock::new();
        let hash = STRIPES.get_or_init(RandomState::new).hash_one(subject);
        self.loading[(hash % self.loading.len() as u64) as usize]
            .lock()
            .await
    }

    pub fn invalidate(&self, subject: Subject) {
        let mut entries = self.entries.write().unwrap_or_else(|e| e.into_inner());
        entries.remove(&subject);
    }

    /// Forgets every principal (events may have been missed).
    pub fn clear(&self) {
        let mut entries = self.entries.write().unwrap_or_else(|e| e.into_inner());
        entries.clear();
    }
}

/// The principal behind `subject`, if the account is active and at `version`.
pub async fn load(
    db: &impl ConnectionTrait,
    subject: Subject,
    version: i32,
) -> AppResult<Option<Principal>> {
    match subject {
        Subject::User(id) => load_user(db, id, version).await,
        Subject::Client(id) => load_client(db, id, version).await,
    }
}

async fn load_user(
    db: &impl ConnectionTrait,
    id: i32,
    version: i32,
) -> AppResult<Option<Principal>> {
    let Some(user) = app_user::Entity::find_by_id(id).one(db).await? else {
        return Ok(None);
    };
    if user.status != AccountStatus::Active || user.token_version != version {
        return Ok(None);
    }
    Ok(Some(Principal {
        kind: PrincipalKind::User,
        id,
        name: user.username,
        grants: grants_of(db, id).await?,
        scopes: Vec::new(),
        resident_id: user.resident_id,
        area: None,
        trusted_documents_only: false,
        daily_quota: None,
    }))
}

async fn load_client(
    db: &impl ConnectionTrait,
    id: i32,
    version: i32,
) -> AppResult<Option<Principal>> {
    let Some(client) = api_client::Entity::find_by_id(id).one(db).await? else {
        return Ok(None);
    };
    if client.status != AccountStatus::Active || client.token_version != version {
        return Ok(None);
    }
    let area = area_ref(&client.area_kind, client.area_id, client.area_path);
    if area.is_none() {
        tracing::error!(client = id, kind = %client.area_kind, "API client has an unknown area kind");
    }
    Ok(Some(Principal {
        kind: PrincipalKind::Client,
        id,
        name: client.client_id,
        grants: Vec::new(),
        scopes: split_scopes(&client.scopes),
        resident_id: None,
        area,
        trusted_documents_only: client.trusted_documents_only,
        daily_quota: Some(u64::try_from(client.daily_quota).unwrap_or(0)),
    }))
}

/// The grants of a user. A row naming a role or area kind this build does not know is
/// skipped (and logged) rather than failing the sign-in.
pub async fn grants_of(db: &impl ConnectionTrait, user_id: i32) -> AppResult<Vec<Grant>> {
    let rows = role_grant::Entity::find()
        .filter(role_grant::Column::UserId.eq(user_id))
        .order_by_asc(role_grant::Column::Id)
        .all(db)
        .await?;
    Ok(rows.into_iter().filter_map(grant).collect())
}

fn grant(row: role_grant::Model) -> Option<Grant> {
    let Some(role) = Role::parse(&row.role) else {
        tracing::error!(grant = row.id, role = %row.role, "unknown role in role_grant");
        return None;
    };
    let Some(area) = area_ref(&row.area_kind, row.area_id, row.area_path) else {
        tracing::error!(grant = row.id, kind = %row.area_kind, "unknown area kind in role_grant");
        return None;
    };
    Some(Grant { role, area })
}

fn area_ref(kind: &str, id: i32, path: String) -> Option<AreaRef> {
    AreaKind::parse(kind).map(|kind| AreaRef { kind, id, path })
}

/// `"a, b,,c"` → `["a", "b", "c"]`.
pub fn split_scopes(scopes: &str) -> Vec<String> {
    scopes
        .split(',')
        .map(str::trim)
        .filter(|scope| !scope.is_empty())
        .map(str::to_owned)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn principal(id: i32) -> Arc<Principal> {
        Arc::new(Principal {
            kind: PrincipalKind::User,
            id,
            name: format!("u{id}"),
            grants: Vec::new(),
            scopes: Vec::new(),
            resident_id: None,
            area: None,
            trusted_documents_only: false,
            daily_quota: None,
        })
    }

    #[test]
    fn the_cache_answers_only_for_the_same_version_until_invalidated() {
        let cache = PrincipalCache::default();
        cache.insert(Subject::User(1), 2, principal(1));
        assert!(cache.get(Subject::User(1), 2).is_some());
        assert!(cache.get(Subject::User(1), 1).is_none());
        assert!(cache.get(Subject::Client(1), 2).is_none());
        cache.invalidate(Subject::User(1));
        assert!(cache.get(Subject::User(1), 2).is_none());
    }

    #[test]
    fn scopes_are_split_and_trimmed() {
        assert_eq!(split_scopes(" a, b,,c "), ["a", "b", "c"]);
        assert!(split_scopes("").is_empty());
    }
}
