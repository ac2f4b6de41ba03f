//! Compiled regular expressions shared by every request, keyed by pattern.
//!
//! Compiling a bounded pattern can still take milliseconds (Unicode classes such as `\w{5}`
//! grow large), and every create, import row batch and recurring post compiles its user's
//! rules: without this cache, a user with a hundred such rules made each of their writes
//! cost a hundred compilations on the async workers. A pattern is now compiled once; misses
//! are compiled on a blocking thread (see `rules::for_writes`). Bounded: at most
//! [`CAPACITY`] patterns (each under the compile limits in `matcher`), and a full cache
//! forgets an arbitrary pattern, so no client can grow it. Compiling itself is here too, under
//! size limits, with `regex`'s linear-time engine.

use std::collections::HashMap;
use std::sync::{Mutex, OnceLock, PoisonError};

use regex::Regex;

use crate::error::{AppError, AppResult};

/// Longest regular expression, in characters.
pub const MAX_REGEX_CHARS: usize = 200;
/// Most memory one compiled regular expression may take (bytes).
const REGEX_SIZE_LIMIT: usize = 256 * 1024;
/// Most memory one regular expression's lazy DFA may cache (bytes).
const REGEX_DFA_LIMIT: usize = 256 * 1024;

/// A compiled regular expression, or `BAD_USER_INPUT` on `field` (`INVALID_REGEX` message).
pub(super) fn compile_regex(field: &str, pattern: &str) -> AppResult<regex::Regex> {
    if pattern.chars().count() > MAX_REGEX_CHARS {
        let message = format!("a regular expression must be at most {MAX_REGEX_CHARS} characters");
        return Err(AppError::bad_input(field, message));
    }
    regex::RegexBuilder::new(pattern)
        .case_insensitive(true)
        .size_limit(REGEX_SIZE_LIMIT)
        .dfa_size_limit(REGEX_DFA_LIMIT)
        .nest_limit(32)
        .build()
        .map_err(|err| {
            let reason = match err {
                regex::Error::CompiledTooBig(_) => "it is too complex".to_owned(),
                other => other
                    .to_string()
                    .lines()
                    .last()
                    .unwrap_or("")
                    .chars()
                    .take(200)
                    .collect(),
            };
            AppError::bad_input(field, format!("not a valid regular expression: {reason}"))
        })
}

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
