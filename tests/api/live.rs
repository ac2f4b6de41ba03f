//! Live updates: subscriptions over WebSocket with a real client (tokio-tungstenite).

mod client;
mod events;
mod protocol;
