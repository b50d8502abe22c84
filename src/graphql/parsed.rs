//! Parsed documents, kept by their text: clients (and persisted documents) send the
//! same few documents over and over, and parsing is a good part of what a small query
//! costs. A parsed document does not depend on the variables or on the viewer, so one
//! entry serves everybody; limits, validation and access are still checked for every
//! request.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use async_graphql::parser::types::{
    DocumentOperations, ExecutableDocument, Selection, SelectionSet,
};
use async_graphql::{Name, ServerError};

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

/// A request's own copy of a cached document, whose fields' names and aliases are its
/// own too.
///
/// A clone shares every `Name` (an `Arc<str>`) with the cached document, and the
/// executor clones a field's response key into every object it answers: for (b),
/// ~35,000 reference-count increments (and as many decrements when the response is
/// dropped) on the same few counters from every worker thread answering the same
/// document at once. The cache lines bouncing between cores made those atomics about
/// half of the one-pass list resolver's own time under load. A name of the request's
/// own costs one small allocation per field of the document.
pub fn request_copy(document: &ExecutableDocument) -> ExecutableDocument {
    let mut copy = document.clone();
    match &mut copy.operations {
        DocumentOperations::Single(operation) => own_names(&mut operation.node.selection_set.node),
        DocumentOperations::Multiple(operations) => {
            for operation in operations.values_mut() {
                own_names(&mut operation.node.selection_set.node);
            }
        }
    }
    for fragment in copy.fragments.values_mut() {
        own_names(&mut fragment.node.selection_set.node);
    }
    copy
}

fn own_names(set: &mut SelectionSet) {
    for selection in &mut set.items {
        match &mut selection.node {
            Selection::Field(field) => {
                let field = &mut field.node;
                field.name.node = Name::new(field.name.node.as_str());
                if let Some(alias) = &mut field.alias {
                    alias.node = Name::new(alias.node.as_str());
                }
                own_names(&mut field.selection_set.node);
            }
            Selection::InlineFragment(fragment) => {
                own_names(&mut fragment.node.selection_set.node);
            }
            Selection::FragmentSpread(_) => {}
        }
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

    /// Every response key of `set` (fragments' too), in document order.
    fn keys(set: &SelectionSet, out: &mut Vec<Name>) {
        for selection in &set.items {
            match &selection.node {
                Selection::Field(field) => {
                    out.push(field.node.response_key().node.clone());
                    out.push(field.node.name.node.clone());
                    keys(&field.node.selection_set.node, out);
                }
                Selection::InlineFragment(fragment) => keys(&fragment.node.selection_set.node, out),
                Selection::FragmentSpread(_) => {}
            }
        }
    }

    fn all_keys(document: &ExecutableDocument) -> Vec<Name> {
        let mut out = Vec::new();
        for (_, operation) in document.operations.iter() {
            keys(&operation.node.selection_set.node, &mut out);
        }
        let mut fragments: Vec<_> = document.fragments.iter().collect();
        fragments.sort_by_key(|(name, _)| name.to_string());
        for (_, fragment) in fragments {
            keys(&fragment.node.selection_set.node, &mut out);
        }
        out
    }

    #[test]
    fn a_request_copy_has_the_same_keys_in_names_of_its_own() {
        let cache = ParsedDocuments::default();
        let cached = cache
            .parse(
                "query Q { a: grid { id ... on Grid { name } ...F } }
                 fragment F on Grid { b: code }",
            )
            .unwrap();
        let copy = request_copy(&cached);
        let (before, after) = (all_keys(&cached), all_keys(&copy));
        assert_eq!(before.len(), 8, "a response key and a name per field");
        assert_eq!(before, after);
        for (cached, own) in before.iter().zip(&after) {
            assert!(
                !std::ptr::eq(cached.as_str(), own.as_str()),
                "{own} is shared"
            );
        }
        assert_eq!(format!("{:?}", *cached), format!("{copy:?}"));
    }
}
