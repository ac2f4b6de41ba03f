//! Live updates: subscriptions over WebSocket with a real client (tokio-tungstenite).

pub(crate) mod client;
mod events;
mod expiry;
mod protocol;
