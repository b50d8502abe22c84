//! Persisted documents. Trusted documents are GraphQL operations registered by their
//! SHA-256 (from a directory, by `register-documents` or at start-up): an API client
//! flagged `trusted_documents_only` (a first-party mini-program or dashboard) may run
//! nothing else, and any client may send a registered document by hash alone.
//! Automatic Persisted Queries (APQ) let every signed-in client do the same with
//! documents it sent once in full, from a bounded in-process cache.

mod apq;

use std::collections::HashMap;
use std::path::Path;
use std::sync::{Arc, RwLock};

use chrono::Utc;
use sea_orm::{DatabaseConnection, EntityTrait, Set};
use sha2::{Digest, Sha256};

use entity::trusted_document;

use crate::error::{AppError, AppResult};

pub struct Documents {
    db: DatabaseConnection,
    /// Trusted documents seen so far (they never change: the hash is the body's).
    trusted: RwLock<HashMap<String, Arc<str>>>,
    apq: apq::Cache,
}

/// Lower-case hex SHA-256 of a document's text, as APQ clients compute it.
pub fn sha256_hex(text: &str) -> String {
    Sha256::digest(text.as_bytes())
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect()
}

impl Documents {
    pub fn new(db: DatabaseConnection) -> Self {
        Documents {
            db,
            trusted: RwLock::default(),
            apq: apq::Cache::default(),
        }
    }

    /// Registers `body` as trusted (again is fine); returns its hash.
    pub async fn register(&self, body: &str) -> AppResult<String> {
        let document = async_graphql::parser::parse_query(body)
            .map_err(|err| AppError::bad_input(format!("not a GraphQL document: {err}")))?;
        let name = document
            .operations
            .iter()
            .find_map(|(name, _)| name.map(|name| name.to_string()));
        let hash = sha256_hex(body);
        let row = trusted_document::ActiveModel {
            hash: Set(hash.clone()),
            name: Set(name),
            body: Set(body.to_owned()),
            created_at: Set(Utc::now()),
        };
        // Registering twice is fine: the hash names the body.
        trusted_document::Entity::insert(row)
            .on_conflict_do_nothing_on([trusted_document::Column::Hash])
            .exec(&self.db)
            .await?;
        Ok(hash)
    }

    /// Registers every `*.graphql` file of `dir`; returns the hashes in file order.
    pub async fn register_dir(&self, dir: &Path) -> AppResult<Vec<(String, String)>> {
        let unreadable = |err: std::io::Error| {
            AppError::bad_input(format!("cannot read {}: {err}", dir.display()))
        };
        let mut files: Vec<_> = std::fs::read_dir(dir)
            .map_err(unreadable)?
            .filter_map(|entry| entry.ok().map(|entry| entry.path()))
            .filter(|path| path.extension().is_some_and(|ext| ext == "graphql"))
            .collect();
        files.sort();
        let mut registered = Vec::with_capacity(files.len());
        for file in files {
            let body = std::fs::read_to_string(&file).map_err(unreadable)?;
            let hash = self.register(&body).await.map_err(|err| {
                AppError::bad_input(format!("{}: {}", file.display(), err.public_message()))
            })?;
            registered.push((file.display().to_string(), hash));
        }
        Ok(registered)
    }

    /// The trusted document with `hash` if this instance has already seen it: no SQL,
    /// for callers who must not make the hub query its database (anonymous ones).
    pub fn trusted_seen(&self, hash: &str) -> Option<Arc<str>> {
        self.read_cache().get(hash).cloned()
    }

    /// The trusted document with `hash`, if one is registered.
    pub async fn trusted(&self, hash: &str) -> AppResult<Option<Arc<str>>> {
        if let Some(body) = self.trusted_seen(hash) {
            return Ok(Some(body));
        }
        let Some(row) = trusted_document::Entity::find_by_id(hash.to_owned())
            .one(&self.db)
            .await?
        else {
            return Ok(None);
        };
        let body: Arc<str> = row.body.into();
        let mut cache = self.trusted.write().unwrap_or_else(|p| p.into_inner());
        cache.insert(row.hash, body.clone());
        Ok(Some(body))
    }

    /// Remembers a document a client sent in full with its hash (APQ).
    pub fn remember(&self, hash: String, body: &str) {
        self.apq.insert(hash, body.into());
    }

    /// A document remembered by [`Documents::remember`].
    pub fn recall(&self, hash: &str) -> Option<Arc<str>> {
        self.apq.get(hash)
    }

    fn read_cache(&self) -> std::sync::RwLockReadGuard<'_, HashMap<String, Arc<str>>> {
        self.trusted.read().unwrap_or_else(|p| p.into_inner())
    }
}
