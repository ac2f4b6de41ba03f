//! The `graphql-transport-ws` messages and close codes
//! (<https://github.com/enisdenjo/graphql-ws/blob/master/PROTOCOL.md>).

use serde::Deserialize;
use serde_json::{Value, json};

/// No `connection_init` within the timeout.
pub const INIT_TIMEOUT: u16 = 4408;
/// `subscribe` before `connection_ack`.
pub const UNAUTHORIZED: u16 = 4401;
/// A missing, bad, expired or revoked token, or a session that ended.
pub const FORBIDDEN: u16 = 4403;
/// A `subscribe` with an id already running.
pub const DUPLICATE_ID: u16 = 4409;
/// A second `connection_init`, or one connection too many for the user.
pub const TOO_MANY: u16 = 4429;
/// A message that is not one of the protocol's.
pub const BAD_MESSAGE: u16 = 4400;
/// The database could not be asked about the token.
pub const INTERNAL: u16 = 4500;

/// Longest subscription id accepted.
const MAX_ID_CHARS: usize = 128;

/// A message from the client.
#[derive(Debug)]
pub enum ClientMessage {
    Init(Value),
    Ping(Value),
    Pong,
    Subscribe { id: String, payload: Value },
    Complete { id: String },
}

#[derive(Deserialize)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
enum Raw {
    ConnectionInit {
        #[serde(default)]
        payload: Value,
    },
    Ping {
        #[serde(default)]
        payload: Value,
    },
    Pong {
        #[serde(default)]
        #[allow(dead_code)]
        payload: Value,
    },
    Subscribe {
        id: String,
        payload: Value,
    },
    Complete {
        id: String,
    },
}

/// Parse a text message; the reason it is not a protocol message otherwise.
pub fn parse(text: &str) -> Result<ClientMessage, String> {
    let raw: Raw = serde_json::from_str(text).map_err(|err| {
        let mut reason = format!("Invalid message: {err}");
        // A close reason must fit a control frame (123 bytes).
        reason.truncate(100);
        reason
    })?;
    let valid_id = |id: &str| !id.is_empty() && id.chars().count() <= MAX_ID_CHARS;
    Ok(match raw {
        Raw::ConnectionInit { payload } => ClientMessage::Init(payload),
        Raw::Ping { payload } => ClientMessage::Ping(payload),
        Raw::Pong { .. } => ClientMessage::Pong,
        Raw::Subscribe { id, payload } if valid_id(&id) && payload.is_object() => {
            ClientMessage::Subscribe { id, payload }
        }
        Raw::Complete { id } if valid_id(&id) => ClientMessage::Complete { id },
        Raw::Subscribe { .. } | Raw::Complete { .. } => {
            return Err("Invalid message: bad id or payload".to_owned());
        }
    })
}

/// The bearer token of a `connection_init` or `ping` payload: `{"Authorization": "Bearer …"}`
/// (any case of the key).
pub fn bearer(payload: &Value) -> Option<&str> {
    let object = payload.as_object()?;
    let value = object
        .iter()
        .find(|(key, _)| key.eq_ignore_ascii_case("authorization"))?
        .1
        .as_str()?;
    let (scheme, token) = value.split_once(' ')?;
    scheme
        .eq_ignore_ascii_case("bearer")
        .then(|| token.trim())
        .filter(|t| !t.is_empty())
}

pub fn ack() -> String {
    json!({"type": "connection_ack"}).to_string()
}

pub fn pong() -> String {
    json!({"type": "pong"}).to_string()
}

pub fn next(id: &str, payload: &async_graphql::Response) -> String {
    json!({"type": "next", "id": id, "payload": payload}).to_string()
}

pub fn error(id: &str, errors: &[async_graphql::ServerError]) -> String {
    json!({"type": "error", "id": id, "payload": errors}).to_string()
}

pub fn complete(id: &str) -> String {
    json!({"type": "complete", "id": id}).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_parse_strictly() {
        assert!(matches!(
            parse(r#"{"type":"connection_init","payload":{"Authorization":"Bearer x"}}"#),
            Ok(ClientMessage::Init(_))
        ));
        assert!(matches!(
            parse(r#"{"type":"subscribe","id":"1","payload":{"query":"subscription{a}"}}"#),
            Ok(ClientMessage::Subscribe { .. })
        ));
        for bad in [
            "",
            "[]",
            r#"{"type":"start","id":"1"}"#,
            r#"{"type":"subscribe","id":"","payload":{}}"#,
            r#"{"type":"subscribe","id":"1","payload":"x"}"#,
            r#"{"type":"complete"}"#,
        ] {
            assert!(parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn the_token_comes_from_the_authorization_entry() {
        let payload = json!({"authorization": "Bearer abc"});
        assert_eq!(bearer(&payload), Some("abc"));
        assert_eq!(bearer(&json!({"Authorization": "Basic abc"})), None);
        assert_eq!(bearer(&json!(null)), None);
    }
}
