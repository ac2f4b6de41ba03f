//! Compiled regular expressions shared by every request, keyed by pattern.
//!
//! Compiling a bounded pattern can still take milliseconds (Unicode classes such as `\w{5}`
//! grow large), and every create, import row batch and recurring post compiles its user's
//! rules: without this cache, a user with a hundred such rules made each of their writes
//! cost a hundred compilations on the async workers. A pattern is now compiled once; misses
//! are compiled on a blocking thread (see `rules::for_writes`). Bounded: at most
//! [`CAPACITY`] patterns (each under the compile limits in `matcher`), and a full cache
//! forgets an arbitrary pattern, so no client can grow it.

use std::collections::HashMap;
use std::sync::{Mutex, OnceLock, PoisonError};

use regex::Regex;

use super::matcher::compile_regex;
use crate::error::AppResult;

/// Most patterns kept compiled.
const CAPACITY: usize = 256;

fn cache() -> &'static Mutex<HashMap<String, Regex>> {
    static CACHE: OnceLock<Mutex<HashMap<String, Regex>>> = OnceLock::new();
    CACHE.get_or_init(Mutex::default)
}

/// Whether `pattern` is compiled already.
pub(super) fn contains(pattern: &str) -> bool {
    let cache = cache().lock().unwrap_or_else(PoisonError::into_inner);
    cache.contains_key(pattern)
}

/// `pattern` compiled (a clone shares the compiled program), or the error that refuses it
/// (never cached, so the message stays the compiler's).
pub(super) fn compiled(field: &str, pattern: &str) -> AppResult<Regex> {
    if let Some(regex) = cache()
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .get(pattern)
    {
        return Ok(regex.clone());
    }
    let regex = compile_regex(field, pattern)?;
    let mut cache = cache().lock().unwrap_or_else(PoisonError::into_inner);
    if cache.len() >= CAPACITY
        && let Some(victim) = cache.keys().next().cloned()
    {
        cache.remove(&victim);
    }
    cache.insert(pattern.to_owned(), regex.clone());
    Ok(regex)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pattern_is_compiled_once_and_the_cache_stays_bounded() {
        let first = compiled("f", "caf[eé]").unwrap_or_else(|_| unreachable!());
        assert!(contains("caf[eé]"));
        assert!(first.is_match("café"));
        for n in 0..CAPACITY + 10 {
            assert!(compiled("f", &format!("x{n}")).is_ok());
        }
        let size = cache().lock().unwrap_or_else(PoisonError::into_inner).len();
        assert!(size <= CAPACITY, "{size}");
        assert!(compiled("f", "(unclosed").is_err());
        assert!(!contains("(unclosed"));
    }
}
