//! Parsed documents of recent requests, by their text: a client sends the same few queries
//! over and over, and parsing one (after scanning its text against the limits) cost more
//! than the copy of the tree this hands out instead.
//!
//! Only documents that passed the text and document checks once are kept, under their exact
//! text, so a hit skips nothing that could answer differently: the checks that depend on the
//! variables, validation and rate limits still run for every request. Bounded: at most
//! [`MAX_DOCUMENTS`] entries of at most [`MAX_TEXT_BYTES`] each; when full it starts over
//! (a flood of distinct documents only makes every request parse, as without the cache).

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use async_graphql::parser::types::ExecutableDocument;

/// Most documents kept.
pub const MAX_DOCUMENTS: usize = 512;
/// Longest text kept (longer documents are parsed every time).
pub const MAX_TEXT_BYTES: usize = 8 * 1024;

/// The cache; clones share it.
#[derive(Clone, Default)]
pub struct ParsedDocuments {
    by_text: Arc<Mutex<HashMap<Box<str>, ExecutableDocument>>>,
}

impl ParsedDocuments {
    /// The parsed document of `text`, if it is cached.
    pub fn get(&self, text: &str) -> Option<ExecutableDocument> {
        if text.is_empty() || text.len() > MAX_TEXT_BYTES {
            return None;
        }
        self.by_text.lock().ok()?.get(text).cloned()
    }

    /// Keep `document`, the parse of `text`, which passed the checks.
    pub fn insert(&self, text: &str, document: &ExecutableDocument) {
        if text.is_empty() || text.len() > MAX_TEXT_BYTES {
            return;
        }
        if let Ok(mut by_text) = self.by_text.lock() {
            if by_text.len() >= MAX_DOCUMENTS {
                by_text.clear();
            }
            by_text.insert(text.into(), document.clone());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> ExecutableDocument {
        async_graphql::parser::parse_query(text).expect("parses")
    }

    #[test]
    fn a_document_is_found_by_its_exact_text_only() {
        let cache = ParsedDocuments::default();
        let text = "{ me { id } }";
        assert!(cache.get(text).is_none());
        cache.insert(text, &parse(text));
        assert!(cache.get(text).is_some());
        assert!(cache.get("{ me { id }}").is_none());
        assert!(cache.get("").is_none());
    }

    #[test]
    fn the_cache_is_bounded() {
        let cache = ParsedDocuments::default();
        let long = format!("{{ me {{ id }} }}#{}", "x".repeat(MAX_TEXT_BYTES));
        cache.insert(&long, &parse(&long));
        assert!(cache.get(&long).is_none());
        for i in 0..=MAX_DOCUMENTS {
            let text = format!("query Q{i} {{ me {{ id }} }}");
            cache.insert(&text, &parse(&text));
        }
        let size = cache.by_text.lock().expect("lock").len();
        assert!(size <= MAX_DOCUMENTS, "{size}");
    }
}
