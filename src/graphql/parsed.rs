//! Parsed documents, kept by their text: clients (and persisted documents) send the
//! same few documents over and over, and parsing is a good part of what a small query
//! costs. A parsed document does not depend on the variables or on the viewer, so one
//! entry serves everybody; limits, validation and access are still checked for every
//! request.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use async_graphql::ServerError;
use async_graphql::parser::types::ExecutableDocument;

/// At most this many characters of document text are kept (about a hundred large
/// documents, thousands of small ones); past it the cache starts again empty, so a
/// client sending ever new documents costs a parse each, never memory.
const MAX_CACHED_CHARS: usize = 1 << 20;

pub struct ParsedDocuments {
    entries: Mutex<Entries>,
    /// Characters of text kept at most.
    capacity: usize,
}

impl Default for ParsedDocuments {
    fn default() -> Self {
        ParsedDocuments::with_capacity(MAX_CACHED_CHARS)
    }
}

#[derive(Default)]
struct Entries {
    by_text: HashMap<Box<str>, Arc<ExecutableDocument>>,
    chars: usize,
}

impl ParsedDocuments {
    fn with_capacity(capacity: usize) -> Self {
        ParsedDocuments {
            entries: Mutex::default(),
            capacity,
        }
    }

    /// The document of `query`, parsed now or earlier. Documents that do not parse are
    /// not kept.
    pub fn parse(&self, query: &str) -> Result<Arc<ExecutableDocument>, ServerError> {
        if let Some(document) = self.lock().by_text.get(query) {
            return Ok(document.clone());
        }
        let document = Arc::new(async_graphql::parser::parse_query(query)?);
        let mut entries = self.lock();
        if entries.chars + query.len() > self.capacity {
            *entries = Entries::default();
        }
        if query.len() <= self.capacity {
            entries.chars += query.len();
            entries.by_text.insert(query.into(), document.clone());
        }
        Ok(document)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Entries> {
        self.entries.lock().unwrap_or_else(|err| err.into_inner())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_document_is_parsed_once_and_errors_are_not_kept() {
        let cache = ParsedDocuments::default();
        let first = cache.parse("{ me { id } }").unwrap();
        let again = cache.parse("{ me { id } }").unwrap();
        assert!(Arc::ptr_eq(&first, &again));
        assert!(cache.parse("{ me { id }").is_err());
        assert_eq!(cache.lock().by_text.len(), 1);
    }

    #[test]
    fn the_cache_starts_again_when_full() {
        let cache = ParsedDocuments::with_capacity(20);
        cache.parse("{ a b c d e }").unwrap();
        cache.parse("{ f g h i j }").unwrap();
        let entries = cache.lock();
        assert_eq!(entries.by_text.len(), 1);
        assert!(entries.by_text.contains_key("{ f g h i j }"));
        assert!(entries.chars <= 20);
        drop(entries);
        cache.parse(&format!("{{ {} }}", "x ".repeat(20))).unwrap();
        assert!(
            cache.lock().chars <= 20,
            "a document over the capacity is not kept"
        );
    }
}
