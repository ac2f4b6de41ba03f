//! Sessions: refresh tokens (cookie and body, rotation, reuse), listing and ending sessions.

pub mod listing;
pub mod refresh;
