//! The dashboard built into the binary: `frontend/dist` as it was when the binary was built
//! (`build.rs` points [`Files`] at it, or at an empty folder when there was no build). A
//! release build holds the files; a debug build reads the same folder from disk.

use std::borrow::Cow;

use axum::body::{Body, Bytes};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

/// The embedded files, by path relative to the build (`index.html`, `assets/index-….js`).
#[derive(rust_embed::RustEmbed)]
#[folder = "$TALLY_DASHBOARD_EMBED"]
struct Files;

/// Does the binary carry a dashboard build?
pub fn present() -> bool {
    Files::get("index.html").is_some()
}

/// The bytes of the embedded file `name` (relative, no leading `/`).
pub fn read(name: &str) -> Option<Vec<u8>> {
    Files::get(name).map(|file| file.data.into_owned())
}

/// The embedded file at the URL path `path` (e.g. `/assets/index-3f2a.js`), or 404; a
/// request whose `If-None-Match` names its content hash gets a 304.
pub fn respond(path: &str, headers: &HeaderMap) -> Response {
    let name = path.trim_start_matches('/');
    // No segment may climb out of the build (the debug build reads from disk).
    if name
        .split('/')
        .any(|segment| segment == ".." || segment.contains('\\'))
    {
        return StatusCode::NOT_FOUND.into_response();
    }
    let Some(file) = Files::get(name) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let etag = format!("\"{}\"", hex(&file.metadata.sha256_hash()));
    let etag = HeaderValue::from_str(&etag).unwrap_or(HeaderValue::from_static("\"\""));
    let unchanged = headers
        .get(header::IF_NONE_MATCH)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|tags| tags.split(',').any(|tag| tag.trim() == etag));
    if unchanged {
        return (StatusCode::NOT_MODIFIED, [(header::ETAG, etag)]).into_response();
    }
    let content_type = HeaderValue::from_str(file.metadata.mimetype())
        .unwrap_or(HeaderValue::from_static("application/octet-stream"));
    let headers = [(header::CONTENT_TYPE, content_type), (header::ETAG, etag)];
    // A release build's files are static: sent without a copy.
    let body = match file.data {
        Cow::Borrowed(bytes) => Body::from(Bytes::from_static(bytes)),
        Cow::Owned(bytes) => Body::from(bytes),
    };
    (headers, body).into_response()
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
