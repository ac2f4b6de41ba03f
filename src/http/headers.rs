//! Security headers on every response — API JSON, errors (401, 413, 415, a panic's 500),
//! GraphiQL, the landing page, health checks, CORS preflights — and, in production, HSTS
//! ([`strict_transport`]). A response is never meant to
//! be sniffed into another type, framed, or to leak its URL through `Referer`; unless a
//! handler set a Content-Security-Policy of its own (the HTML pages do), it gets [`LOCKED_DOWN`],
//! which lets the response load nothing at all.

use axum::http::HeaderValue;
use axum::http::header::{
    CONTENT_SECURITY_POLICY, REFERRER_POLICY, STRICT_TRANSPORT_SECURITY, X_CONTENT_TYPE_OPTIONS,
    X_FRAME_OPTIONS,
};
use axum::response::Response;
use base64::Engine as _;
use sha2::{Digest as _, Sha256};

/// The policy of every response that does not bring its own: nothing may load, nothing may
/// frame it. `object-src` and `base-uri` are listed although `default-src` covers the first
/// and the second only matters for HTML, so that every policy of Tally names them.
pub const LOCKED_DOWN: &str = "default-src 'none'; base-uri 'none'; object-src 'none'; form-action 'none'; \
     frame-ancestors 'none'";

/// The directives every page policy ends with: no plugins, no `<base>`, no form posts, no
/// framing (clickjacking).
pub const PAGE_BASELINE: &str =
    "base-uri 'none'; object-src 'none'; form-action 'none'; frame-ancestors 'none'";

/// HSTS as production sends it: browsers that saw it use only HTTPS for this host (and its
/// subdomains) for a year, so a network attacker cannot strip TLS from a later visit.
pub const HSTS: &str = "max-age=31536000; includeSubDomains";

/// `response` with [`HSTS`] when `hsts` (production).
pub async fn strict_transport(mut response: Response, hsts: bool) -> Response {
    if hsts {
        let value = HeaderValue::from_static(HSTS);
        response
            .headers_mut()
            .insert(STRICT_TRANSPORT_SECURITY, value);
    }
    response
}

/// Add the security headers to `response`, keeping a Content-Security-Policy a handler set.
pub async fn secure(mut response: Response) -> Response {
    let headers = response.headers_mut();
    headers.insert(X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    headers.insert(REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    headers.insert(X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    if !headers.contains_key(CONTENT_SECURITY_POLICY) {
        headers.insert(
            CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(LOCKED_DOWN),
        );
    }
    response
}

/// The CSP source expression (`'sha256-…'`) that allows exactly this inline script or style.
pub fn inline_hash(source: &str) -> String {
    let digest = Sha256::digest(source.as_bytes());
    let encoded = base64::engine::general_purpose::STANDARD.encode(digest);
    format!("'sha256-{encoded}'")
}

/// `response` with its Content-Security-Policy set to `policy` (which must be a valid header
/// value; the pages build theirs from constants and base64 hashes, which always are).
pub fn with_policy(mut response: Response, policy: &str) -> Response {
    match HeaderValue::from_str(policy) {
        Ok(value) => {
            response
                .headers_mut()
                .insert(CONTENT_SECURITY_POLICY, value);
        }
        // Leaving the header unset means `secure` applies the locked-down policy instead:
        // the page then fails closed (nothing loads) rather than open.
        Err(_) => tracing::error!("a page's Content-Security-Policy is not a header value"),
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_inline_hash_is_the_base64_sha256_of_the_exact_text() {
        // echo -n 'alert(1)' | openssl dgst -sha256 -binary | base64
        assert_eq!(
            inline_hash("alert(1)"),
            "'sha256-bhHHL3z2vDgxUt0W3dWQOrprscmda2Y5pLsLg4GF+pI='"
        );
    }

    #[tokio::test]
    async fn a_handlers_own_policy_is_kept_and_others_get_the_locked_down_one() {
        let own = with_policy(
            Response::new(axum::body::Body::empty()),
            "default-src 'self'",
        );
        let own = secure(own).await;
        assert_eq!(own.headers()[CONTENT_SECURITY_POLICY], "default-src 'self'");
        let plain = secure(Response::new(axum::body::Body::empty())).await;
        assert_eq!(plain.headers()[CONTENT_SECURITY_POLICY], LOCKED_DOWN);
        assert_eq!(plain.headers()[X_FRAME_OPTIONS], "DENY");
    }
}
