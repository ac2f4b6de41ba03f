//! Opaque page cursors: a listing's position as text, base64url-encoded so clients treat it
//! as a token. Every listing (transactions, the audit log, the admin user list) wraps and
//! unwraps its own text through here, so a malformed cursor is refused the same way
//! everywhere: `BAD_USER_INPUT` on `after`.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;

use crate::error::AppError;

/// Longest cursor read at all.
const MAX_CURSOR_CHARS: usize = 200;

/// The opaque cursor for the position `plain`.
pub fn wrap(plain: &str) -> String {
    URL_SAFE_NO_PAD.encode(plain)
}

/// The position text inside a client's cursor, or [`invalid`].
pub fn unwrap(encoded: &str) -> Result<String, AppError> {
    if encoded.len() > MAX_CURSOR_CHARS {
        return Err(invalid());
    }
    let bytes = URL_SAFE_NO_PAD.decode(encoded).map_err(|_| invalid())?;
    String::from_utf8(bytes).map_err(|_| invalid())
}

/// The error for a cursor that is not one this listing handed out.
pub fn invalid() -> AppError {
    AppError::bad_input(
        "after",
        "The cursor is not valid; request the first page again",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_wrapped_position_unwraps_and_garbage_is_refused() {
        assert_eq!(unwrap(&wrap("v1|x|1")).unwrap(), "v1|x|1");
        assert!(unwrap("not base64!").is_err());
        assert!(unwrap(&wrap(&"x".repeat(300))).is_err());
        assert!(unwrap(&URL_SAFE_NO_PAD.encode([0xff, 0xfe])).is_err());
    }
}
