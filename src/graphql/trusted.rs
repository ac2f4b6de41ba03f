//! Trusted documents (persisted operations): the dashboard's operations, listed by GraphQL
//! Code Generator in `frontend/src/gql/persisted-documents.json` (`"sha256:<hex>": text`),
//! are loaded at start, each checked against its hash, parsed and validated once (a request
//! naming one is then validated only for what depends on its variables: `schema::validate`).
//! A request names one by `documentId` (GraphQL-over-HTTP's form, `sha256:<hex>`) or by Apollo's
//! `extensions.persistedQuery.sha256Hash` (`<hex>`) instead of sending the text. With
//! `TRUSTED_DOCUMENTS_ONLY` on (the production default) a request without one is refused, so
//! strangers cannot send documents of their own at all.
//!
//! The manifest is compiled in (it is committed, like the generated types); `TRUSTED_DOCUMENTS`
//! names another file, e.g. one listing a third-party client's operations too.

use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

use async_graphql::parser::types::ExecutableDocument;
use async_graphql::{Request, ServerError, Value};
use sha2::{Digest, Sha256};

use super::errors::{code, with_code};

/// The manifest the dashboard was built with.
const BUILT_IN: &str = include_str!("../../frontend/src/gql/persisted-documents.json");

const PREFIX: &str = "sha256:";

/// The documents a client may name by id, and whether it may send any other.
#[derive(Clone, Default)]
pub struct TrustedDocuments {
    by_hash: Arc<HashMap<String, ExecutableDocument>>,
    only: bool,
}

impl TrustedDocuments {
    /// The built-in manifest, or the one at `path`; each document must match its hash and
    /// parse, or Tally does not start. (The document limits still apply to every request.)
    pub fn load(path: Option<&Path>, only: bool) -> anyhow::Result<Self> {
        let text = match path {
            Some(path) => std::fs::read_to_string(path).map_err(|err| {
                anyhow::anyhow!("reading TRUSTED_DOCUMENTS {}: {err}", path.display())
            })?,
            None => BUILT_IN.to_owned(),
        };
        let manifest: HashMap<String, String> = serde_json::from_str(&text)
            .map_err(|err| anyhow::anyhow!("the trusted documents are not a JSON object: {err}"))?;
        let mut by_hash = HashMap::with_capacity(manifest.len());
        for (id, document) in manifest {
            let hash = id.strip_prefix(PREFIX).unwrap_or(&id).to_ascii_lowercase();
            if sha256_hex(&document) != hash {
                anyhow::bail!("trusted document {id} does not match its sha256 hash");
            }
            let parsed = async_graphql::parser::parse_query(&document)
                .map_err(|err| anyhow::anyhow!("trusted document {id} does not parse: {err}"))?;
            by_hash.insert(hash, parsed);
        }
        Ok(Self {
            by_hash: Arc::new(by_hash),
            only,
        })
    }

    /// How many documents are trusted.
    pub fn len(&self) -> usize {
        self.by_hash.len()
    }

    /// Whether none are.
    pub fn is_empty(&self) -> bool {
        self.by_hash.is_empty()
    }

    /// Each document, parsed, with its id (the hex of its hash).
    pub fn documents(&self) -> impl Iterator<Item = (&str, &ExecutableDocument)> {
        self.by_hash
            .iter()
            .map(|(hash, document)| (hash.as_str(), document))
    }

    /// Give `request` the trusted document named by `id` (or by Apollo's extension), parsed
    /// already; or refuse it. An id with text must be the text's hash (Apollo's link sends
    /// both after `PERSISTED_QUERY_NOT_FOUND`); text that is not a trusted document runs only
    /// when `TRUSTED_DOCUMENTS_ONLY` is off.
    pub fn resolve(&self, request: &mut Request, id: Option<String>) -> Result<(), ServerError> {
        let id = id.or_else(|| apollo_hash(request));
        let text_given = !request.query.is_empty();
        let trusted = match id {
            Some(id) => {
                let hash = id.strip_prefix(PREFIX).unwrap_or(&id).to_ascii_lowercase();
                if text_given && sha256_hex(&request.query) != hash {
                    let message = "The document id is not the sha256 hash of the document's text";
                    return Err(refusal(code::BAD_REQUEST, message));
                }
                match (self.by_hash.get(&hash), text_given) {
                    (Some(document), _) => Some(document),
                    (None, false) => {
                        let message = "PersistedQueryNotFound: no trusted document has this id";
                        return Err(refusal(code::PERSISTED_QUERY_NOT_FOUND, message));
                    }
                    (None, true) => None,
                }
            }
            None => None,
        };
        match trusted {
            Some(document) => {
                request.query.clear();
                request.set_parsed_query(document.clone());
                Ok(())
            }
            None if self.only => Err(refusal(
                code::TRUSTED_DOCUMENTS_ONLY,
                "This server runs only its trusted documents; send the documentId of one",
            )),
            None => Ok(()),
        }
    }
}

/// Whether `request` (admitted: its document parsed) runs a trusted document. [`resolve`]
/// gives a trusted document to a request parsed, with its text cleared; any other document
/// comes as text, and an empty text never parses.
///
/// [`resolve`]: TrustedDocuments::resolve
pub fn named(request: &Request) -> bool {
    request.query.is_empty()
}

/// Apollo's automatic-persisted-queries form: `extensions.persistedQuery.sha256Hash`.
fn apollo_hash(request: &Request) -> Option<String> {
    let Value::Object(persisted) = request.extensions.get("persistedQuery")? else {
        return None;
    };
    match persisted.get("sha256Hash") {
        Some(Value::String(hash)) => Some(hash.clone()),
        _ => Some(String::new()), // named, but not a hash: unknown
    }
}

fn sha256_hex(text: &str) -> String {
    Sha256::digest(text.as_bytes())
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect()
}

fn refusal(code: &'static str, message: &str) -> ServerError {
    with_code(ServerError::new(message, None), code)
}

#[cfg(test)]
mod tests;
