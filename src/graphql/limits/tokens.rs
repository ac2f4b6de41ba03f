//! A lexical pass over the document text before anything parses it: how many tokens it has,
//! how deeply its brackets nest, and how long its names and numbers are. Parsing, and every
//! validation rule after it, costs time and memory in proportion to the tokens (a 3 MiB body
//! of `{ me { id } me { id } … }` is hundreds of thousands of fields); nesting is bounded
//! because the parser recurses once per bracket; and names are bounded, each and in all,
//! because validation compares every unknown name with every known one letter by letter
//! ("Did you mean …?": 4,900 unknown names of 240 letters took 20 s). A string counts as one
//! token however long it is, so a CSV import sent inline still fits.
//!
//! The pass follows the GraphQL lexical grammar only as far as counting needs: anything it
//! does not recognise is one token, and the parser, which runs next, refuses it properly.

/// What the pass found wrong first.
#[derive(Debug, PartialEq, Eq)]
pub enum TextRefusal {
    /// More tokens than allowed.
    Tokens { limit: usize },
    /// `(`, `[` and `{` nested deeper than allowed.
    Nesting { limit: usize },
    /// A name or number longer than allowed.
    LongToken { limit: usize },
    /// More bytes of names in all than allowed.
    Names { limit: usize },
}

/// Deepest nesting of `(`, `[` and `{`: deep enough for any selection the depth limit lets
/// through plus the arguments inside it, shallow enough for the parser's recursion.
pub const MAX_BRACKET_NESTING: usize = 64;

/// Longest name or number, in bytes.
pub const MAX_TOKEN_BYTES: usize = 256;

/// Most bytes of all the names in a document together: several times what the largest
/// documents of real clients (the standard introspection queries, a dashboard page) hold.
pub const MAX_NAME_BYTES: usize = 32 * 1024;

/// Check `text` against `max_tokens` and the fixed bounds above, in one pass over its bytes
/// and without allocating.
pub fn check(text: &str, max_tokens: usize) -> Result<(), TextRefusal> {
    let bytes = text.as_bytes();
    let (mut at, mut tokens, mut nesting, mut names) = (0, 0usize, 0usize, 0usize);
    while at < bytes.len() {
        let byte = bytes[at];
        let next = match byte {
            b' ' | b'\t' | b'\n' | b'\r' | b',' => {
                at += 1;
                continue;
            }
            // The byte-order mark, which GraphQL ignores like white space.
            0xEF if bytes[at..].starts_with("\u{feff}".as_bytes()) => {
                at += 3;
                continue;
            }
            b'#' => {
                at = line_end(bytes, at);
                continue;
            }
            b'"' if bytes[at..].starts_with(b"\"\"\"") => block_string_end(bytes, at + 3),
            b'"' => string_end(bytes, at + 1),
            b'(' | b'[' | b'{' => {
                nesting += 1;
                if nesting > MAX_BRACKET_NESTING {
                    return Err(TextRefusal::Nesting {
                        limit: MAX_BRACKET_NESTING,
                    });
                }
                at + 1
            }
            b')' | b']' | b'}' => {
                nesting = nesting.saturating_sub(1);
                at + 1
            }
            b'.' if bytes[at..].starts_with(b"...") => at + 3,
            b'_' | b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'-' => {
                let end = word_end(bytes, at + 1);
                if end - at > MAX_TOKEN_BYTES {
                    return Err(TextRefusal::LongToken {
                        limit: MAX_TOKEN_BYTES,
                    });
                }
                if !byte.is_ascii_digit() && byte != b'-' {
                    names += end - at;
                    if names > MAX_NAME_BYTES {
                        return Err(TextRefusal::Names {
                            limit: MAX_NAME_BYTES,
                        });
                    }
                }
                end
            }
            _ => at + char_len(byte),
        };
        tokens += 1;
        if tokens > max_tokens {
            return Err(TextRefusal::Tokens { limit: max_tokens });
        }
        at = next;
    }
    Ok(())
}

/// Where the line starting at or after `at` ends (its line terminator, or the end).
fn line_end(bytes: &[u8], at: usize) -> usize {
    bytes[at..]
        .iter()
        .position(|&b| b == b'\n' || b == b'\r')
        .map_or(bytes.len(), |offset| at + offset)
}

/// Just after the `"` closing a string whose content starts at `at`; a string left open at
/// the end of its line ends there (the parser refuses it).
fn string_end(bytes: &[u8], mut at: usize) -> usize {
    while at < bytes.len() {
        match bytes[at] {
            b'\\' => at += 2,
            b'"' => return at + 1,
            b'\n' | b'\r' => return at,
            _ => at += 1,
        }
    }
    bytes.len()
}

/// Just after the `"""` closing a block string whose content starts at `at` (`\"""` does not
/// close it).
fn block_string_end(bytes: &[u8], mut at: usize) -> usize {
    while at < bytes.len() {
        if bytes[at..].starts_with(b"\\\"\"\"") {
            at += 4;
        } else if bytes[at..].starts_with(b"\"\"\"") {
            return at + 3;
        } else {
            at += 1;
        }
    }
    bytes.len()
}

/// The end of a name or number: letters, digits and the characters numbers hold.
fn word_end(bytes: &[u8], at: usize) -> usize {
    let word = |b: &u8| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.' | b'+' | b'-');
    bytes[at..]
        .iter()
        .position(|b| !word(b))
        .map_or(bytes.len(), |offset| at + offset)
}

/// The length of the UTF-8 character starting with `byte` (1 for a stray byte).
fn char_len(byte: u8) -> usize {
    match byte {
        0xF0..=0xF7 => 4,
        0xE0..=0xEF => 3,
        0xC0..=0xDF => 2,
        _ => 1,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tokens(text: &str) -> usize {
        (0..=text.len())
            .find(|&limit| check(text, limit).is_ok())
            .expect("some limit fits")
    }

    #[test]
    fn punctuators_names_numbers_and_strings_are_one_token_each() {
        assert_eq!(tokens("{ me { id } }"), 6);
        assert_eq!(tokens("query Q($a: Int = -1.5e3) { x(a: $a) }"), 19);
        assert_eq!(tokens(r#"{ f(s: "a \" { [ ( b") }"#), 8);
        assert_eq!(tokens("{ f(s: \"\"\" \\\"\"\" { \"\"\") }"), 8);
        assert_eq!(
            tokens("{ ...F } # { [ (\n fragment F on Q { __typename }"),
            11
        );
        assert_eq!(tokens("\u{feff}{ é }"), 3);
    }

    #[test]
    fn a_long_string_is_one_token_but_a_long_name_is_refused() {
        let csv = format!("{{ f(s: \"{}\") }}", "x".repeat(100_000));
        assert_eq!(check(&csv, 8), Ok(()));
        let name = format!("{{ {} }}", "x".repeat(MAX_TOKEN_BYTES + 1));
        assert_eq!(
            check(&name, 100),
            Err(TextRefusal::LongToken {
                limit: MAX_TOKEN_BYTES
            })
        );
    }

    #[test]
    fn the_token_limit_and_the_nesting_limit_hold() {
        let many = "{ me { id } }".repeat(1000);
        assert_eq!(check(&many, 5999), Err(TextRefusal::Tokens { limit: 5999 }));
        assert_eq!(check(&many, 6000), Ok(()));
        let deep = format!("{{ f(a: {}) }}", "[".repeat(100));
        assert_eq!(
            check(&deep, 1000),
            Err(TextRefusal::Nesting {
                limit: MAX_BRACKET_NESTING
            })
        );
        let fine = format!("{}{}", "{ a ".repeat(60), "}".repeat(60));
        assert_eq!(check(&fine, 1000), Ok(()));
    }

    #[test]
    fn names_are_bounded_in_all() {
        let name = "n".repeat(200);
        let many = format!("{{ {} }}", vec![name.as_str(); 200].join(" "));
        let limit = MAX_NAME_BYTES;
        assert_eq!(check(&many, 5000), Err(TextRefusal::Names { limit }));
        let numbers = format!("{{ f(a: [{}]) }}", vec!["1".repeat(200); 200].join(" "));
        assert_eq!(check(&numbers, 5000), Ok(()));
    }

    #[test]
    fn unterminated_strings_and_stray_bytes_end() {
        assert_eq!(check("{ f(s: \"open", 100), Ok(()));
        assert_eq!(check("{ f(s: \"\"\"open", 100), Ok(()));
        assert_eq!(check("{ f(s: \"a\\", 100), Ok(()));
        assert_eq!(check("\u{1F600}\u{0}~", 100), Ok(()));
    }
}
