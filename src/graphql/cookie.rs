//! The refresh cookie: how browsers hold their refresh token, out of reach of JavaScript.
//!
//! `tally_refresh=<token>; HttpOnly; SameSite=Strict; Path=/graphql; Max-Age=<seconds>`,
//! plus `Secure` per `COOKIE_SECURE`: `always`, `never`, or `auto` — secure unless the
//! request's `Host` is `localhost`, `127.0.0.1` or `[::1]` (any port), where browsers run
//! plain-HTTP development servers. `HttpOnly` keeps it from scripts (an XSS cannot read it),
//! `SameSite=Strict` keeps other sites' pages from sending it, and the path keeps it off
//! every other route. A token that arrived in this cookie only ever leaves in it (see
//! `refreshSession`). The `cookie` crate builds `Set-Cookie` and parses `Cookie`.

use async_graphql::Context;
use axum::http::header::SET_COOKIE;
use chrono::{DateTime, Utc};
use cookie::{Cookie, SameSite};

use crate::config::CookieSecure;
use crate::error::AppError;
use crate::graphql::context::{headers, services};
use crate::service::sessions::RefreshToken;

/// The cookie's name.
pub const COOKIE_NAME: &str = "tally_refresh";
/// The only path the cookie is sent to.
pub const COOKIE_PATH: &str = "/graphql";

/// Hand `token` to the browser until `expires_at`.
pub fn set(ctx: &Context<'_>, token: &RefreshToken, expires_at: DateTime<Utc>) {
    let max_age = (expires_at - Utc::now()).num_seconds().max(0);
    let secure = is_secure(ctx);
    ctx.insert_http_header(SET_COOKIE, attributes(token.expose(), max_age, secure));
}

/// Tell the browser to drop the cookie.
pub fn clear(ctx: &Context<'_>) {
    let secure = is_secure(ctx);
    ctx.insert_http_header(SET_COOKIE, attributes("", 0, secure));
}

/// The refresh token the request's cookie carries, if any.
pub fn read(ctx: &Context<'_>) -> Result<Option<RefreshToken>, AppError> {
    let cookie = headers(ctx)?.cookie.as_deref().unwrap_or_default();
    Ok(find(cookie, COOKIE_NAME).map(|value| RefreshToken::presented(value.to_owned())))
}

fn is_secure(ctx: &Context<'_>) -> bool {
    let host = headers(ctx).ok().and_then(|h| h.host.as_deref());
    secure_for(services(ctx).sessions.cookie_secure, host)
}

/// `Set-Cookie` for the refresh `token` until `expires_at`: what a login answers with, for
/// the OpenID Connect callback (an HTTP route, not a resolver).
pub fn refresh_cookie(token: &RefreshToken, expires_at: DateTime<Utc>, secure: bool) -> String {
    let max_age = (expires_at - Utc::now()).num_seconds().max(0);
    attributes(token.expose(), max_age, secure)
}

/// The browser binding of an OpenID Connect attempt: the hash of its `state`, sent only to
/// `/auth/oidc` — `SameSite=Lax`, as the provider's redirect back is a cross-site top-level
/// navigation — for `max_age` seconds (0 clears it). A callback whose `state` does not hash
/// to it was started in another browser: a login CSRF, refused.
pub fn oidc_binding(value: &str, max_age: i64, secure: bool) -> String {
    Cookie::build((OIDC_COOKIE_NAME, value))
        .http_only(true)
        .same_site(SameSite::Lax)
        .path(OIDC_COOKIE_PATH)
        .max_age(cookie::time::Duration::seconds(max_age))
        .secure(secure)
        .build()
        .to_string()
}

/// The binding cookie's value in a `Cookie` header, if any.
pub fn oidc_binding_in(header: &str) -> Option<&str> {
    find(header, OIDC_COOKIE_NAME)
}

/// Set the binding cookie from a resolver (`startOidcLink`).
pub fn set_oidc_binding(ctx: &Context<'_>, value: &str, max_age: i64) {
    let secure = is_secure(ctx);
    ctx.insert_http_header(SET_COOKIE, oidc_binding(value, max_age, secure));
}

/// The OpenID Connect binding cookie's name and path.
pub const OIDC_COOKIE_NAME: &str = "tally_oidc";
pub const OIDC_COOKIE_PATH: &str = "/auth/oidc";

fn attributes(value: &str, max_age: i64, secure: bool) -> String {
    Cookie::build((COOKIE_NAME, value))
        .http_only(true)
        .same_site(SameSite::Strict)
        .path(COOKIE_PATH)
        .max_age(cookie::time::Duration::seconds(max_age))
        .secure(secure)
        .build()
        .to_string()
}

/// Does `setting` make the cookie `Secure` for a request to `host`? No `Host`: secure.
pub fn secure_for(setting: CookieSecure, host: Option<&str>) -> bool {
    match setting {
        CookieSecure::Always => true,
        CookieSecure::Never => false,
        CookieSecure::Auto => !host.is_some_and(is_loopback_host),
    }
}

/// `localhost`, `127.0.0.1` or `[::1]`, with or without a port.
fn is_loopback_host(host: &str) -> bool {
    let host = host.trim();
    let name = if let Some(rest) = host.strip_prefix('[') {
        rest.split(']').next().unwrap_or_default()
    } else {
        host.split(':').next().unwrap_or_default()
    };
    name.eq_ignore_ascii_case("localhost") || name == "127.0.0.1" || name == "::1"
}

/// The value of the first non-empty cookie called `name` in a `Cookie` header.
fn find<'h>(header: &'h str, name: &str) -> Option<&'h str> {
    Cookie::split_parse(header)
        .filter_map(Result::ok)
        .find(|cookie| cookie.name() == name && !cookie.value().is_empty())
        .and_then(|cookie| cookie.value_raw())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn auto_is_secure_except_for_loopback_hosts() {
        for local in [
            "localhost",
            "LOCALHOST:8000",
            "127.0.0.1",
            "127.0.0.1:3000",
            "[::1]",
            "[::1]:8080",
        ] {
            assert!(!secure_for(CookieSecure::Auto, Some(local)), "{local}");
        }
        for remote in [
            "tally.example.com",
            "tally.example.com:443",
            "10.0.0.2",
            "localhost.evil.com",
            "[2001:db8::1]",
        ] {
            assert!(secure_for(CookieSecure::Auto, Some(remote)), "{remote}");
        }
        assert!(secure_for(CookieSecure::Auto, None));
    }

    #[test]
    fn always_and_never_ignore_the_host() {
        assert!(secure_for(CookieSecure::Always, Some("localhost")));
        assert!(!secure_for(CookieSecure::Never, Some("tally.example.com")));
    }

    #[test]
    fn the_refresh_cookie_is_found_among_others() {
        let header = "theme=dark; tally_refresh=abc-DEF_123; other=x";
        assert_eq!(find(header, COOKIE_NAME), Some("abc-DEF_123"));
        assert_eq!(find("tally_refresh_old=zzz", COOKIE_NAME), None);
        assert_eq!(find("tally_refresh=", COOKIE_NAME), None);
        assert_eq!(find("", COOKIE_NAME), None);
    }

    #[test]
    fn attributes_pin_the_cookie_down() {
        let set = attributes("tok", 60, true);
        let mut parts: Vec<&str> = set.split("; ").collect();
        assert_eq!(parts.remove(0), "tally_refresh=tok");
        parts.sort_unstable();
        assert_eq!(
            parts,
            [
                "HttpOnly",
                "Max-Age=60",
                "Path=/graphql",
                "SameSite=Strict",
                "Secure"
            ]
        );
        assert!(!attributes("tok", 60, false).contains("Secure"));
    }
}
