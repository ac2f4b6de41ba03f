//! The policy for new passwords (sign-up and password change), after NIST SP 800-63B §3.1.1.2
//! and OWASP's authentication cheat sheet: at least 8 characters and up to 256 (so long
//! passphrases work), no composition rules (no "one digit, one symbol"), and no password that
//! is easy to guess — a common or breached one, or the user's own email or username.
//!
//! "Easy to guess" is judged offline by zxcvbn, which knows the most common passwords, words,
//! names, keyboard patterns, repeats, sequences and dates, and is given the user's email and
//! username as words an attacker would try first. A password is refused when zxcvbn scores it
//! below 3 (guessable in under about 10⁸ attempts, a matter of hours offline). Its warning,
//! when it has one, is part of the message, so the user learns why.

use zxcvbn::Score;
use zxcvbn::feedback::Warning;

use super::password::{MAX_PASSWORD_CHARS, MIN_PASSWORD_CHARS, Password};
use crate::error::{AppError, AppResult};

/// Lowest zxcvbn score a new password may have.
pub const MIN_SCORE: Score = Score::Three;

/// Who the password is for: what it must not be.
#[derive(Debug, Clone, Copy)]
pub struct Identity<'a> {
    /// The normalised (trimmed, lower-case) email.
    pub email: &'a str,
    pub username: &'a str,
}

/// Why a new password is refused.
#[derive(Debug, Clone, PartialEq)]
pub enum Weakness {
    TooShort,
    TooLong,
    IsEmail,
    IsEmailName,
    IsUsername,
    /// In zxcvbn's lists of the most used passwords, or close to one of them.
    Common(Warning),
    /// Otherwise too easy to guess; zxcvbn's reason if it gave one.
    Guessable(Option<Warning>),
}

impl Weakness {
    /// What the user is told.
    pub fn message(&self) -> String {
        match self {
            Self::TooShort => {
                format!("Password must be at least {MIN_PASSWORD_CHARS} characters long")
            }
            Self::TooLong => {
                format!("Password must be at most {MAX_PASSWORD_CHARS} characters long")
            }
            Self::IsEmail => "Password must not be your email address".to_owned(),
            Self::IsEmailName => {
                "Password must not be the part of your email address before the @".to_owned()
            }
            Self::IsUsername => "Password must not be your username".to_owned(),
            Self::Common(warning) => format!(
                "Password is too common: it is on lists of leaked passwords ({}). \
                 Try a few unrelated words instead",
                reason(*warning)
            ),
            Self::Guessable(warning) => {
                let why = warning.map_or(String::new(), |w| format!(" ({})", reason(w)));
                format!(
                    "Password is too easy to guess{why}. A longer passphrase of a few \
                     unrelated words is easy to remember and hard to guess"
                )
            }
        }
    }
}

/// zxcvbn's warning as a clause: "This is a top-10 common password." → "this is a top-10…".
fn reason(warning: Warning) -> String {
    let text = warning.to_string();
    let text = text.trim_end_matches('.');
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_lowercase().chain(chars).collect()
    })
}

/// A new password for `identity`, if it meets the policy; otherwise `BAD_USER_INPUT` on
/// `field` saying why. The estimate runs on the blocking pool.
pub async fn new_password(raw: String, field: &str, identity: Identity<'_>) -> AppResult<Password> {
    let (email, username) = (identity.email.to_owned(), identity.username.to_owned());
    let (raw, verdict) = tokio::task::spawn_blocking(move || {
        let identity = Identity {
            email: &email,
            username: &username,
        };
        let verdict = check(&raw, identity);
        (raw, verdict)
    })
    .await
    .map_err(AppError::internal)?;
    verdict.map_err(|weakness| AppError::bad_input(field, weakness.message()))?;
    Password::new(raw, field)
}

/// Check a new password against the policy. Costs up to a few milliseconds (zxcvbn reads at
/// most the first 100 characters): call it off the async runtime.
pub fn check(password: &str, identity: Identity<'_>) -> Result<(), Weakness> {
    let chars = password.chars().count();
    if chars < MIN_PASSWORD_CHARS {
        return Err(Weakness::TooShort);
    }
    if chars > MAX_PASSWORD_CHARS {
        return Err(Weakness::TooLong);
    }
    check_identity(password, identity)?;
    let email_name = identity.email.split('@').next().unwrap_or_default();
    let estimate = zxcvbn::zxcvbn(password, &[identity.email, email_name, identity.username]);
    if estimate.score() >= MIN_SCORE {
        return Ok(());
    }
    let warning = estimate.feedback().and_then(|feedback| feedback.warning());
    match warning {
        Some(
            w @ (Warning::ThisIsATop10Password
            | Warning::ThisIsATop100Password
            | Warning::ThisIsACommonPassword
            | Warning::ThisIsSimilarToACommonlyUsedPassword),
        ) => Err(Weakness::Common(w)),
        other => Err(Weakness::Guessable(other)),
    }
}

/// Not the email, its local part or the username (trimmed, in any case).
fn check_identity(password: &str, identity: Identity<'_>) -> Result<(), Weakness> {
    let candidate = password.trim().to_lowercase();
    let email = identity.email.trim().to_lowercase();
    let email_name = email.split('@').next().unwrap_or_default();
    if candidate == email {
        return Err(Weakness::IsEmail);
    }
    if !email_name.is_empty() && candidate == email_name {
        return Err(Weakness::IsEmailName);
    }
    if candidate == identity.username.trim().to_lowercase() {
        return Err(Weakness::IsUsername);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const ADA: Identity<'static> = Identity {
        email: "ada.lovelace-1815@example.com",
        username: "countess_of_lovelace",
    };

    #[test]
    fn passphrases_without_digits_or_symbols_pass() {
        for good in [
            "correct horse battery",
            "long enough pass",
            "pass-0123456789ab-phrase",
            "zebra kettle orbit",
            &"Łódź → 東京 · naïve café ☕ · ".repeat(4),
        ] {
            assert_eq!(check(good, ADA), Ok(()), "{good:?}");
        }
    }

    #[test]
    fn common_passwords_are_refused_as_common() {
        for common in [
            "password",
            "12345678",
            "iloveyou",
            "password1",
            "Password123!",
        ] {
            assert!(
                matches!(check(common, ADA), Err(Weakness::Common(_))),
                "{common:?}: {:?}",
                check(common, ADA)
            );
        }
    }

    #[test]
    fn repeats_and_sequences_are_refused_as_guessable_with_the_reason() {
        let repeated = check("aaaaaaaaaaaa", ADA).unwrap_err();
        assert_eq!(
            repeated,
            Weakness::Guessable(Some(Warning::RepeatsLikeAaaAreEasyToGuess))
        );
        assert!(repeated.message().contains("repeats like \"aaa\""));
        assert!(matches!(
            check("abcdefghij", ADA),
            Err(Weakness::Guessable(_))
        ));
    }

    #[test]
    fn the_email_its_name_and_the_username_are_refused_in_any_case() {
        let cases = [
            (" ADA.Lovelace-1815@Example.com ", Weakness::IsEmail),
            ("Ada.Lovelace-1815", Weakness::IsEmailName),
            ("COUNTESS_of_lovelace", Weakness::IsUsername),
        ];
        for (password, weakness) in cases {
            assert_eq!(check(password, ADA), Err(weakness), "{password:?}");
        }
    }

    #[test]
    fn the_identity_helps_zxcvbn_spot_a_password_built_on_it() {
        let built_on_username = "countess_of_lovelace1";
        let stranger = Identity {
            email: "someone@example.com",
            username: "someone",
        };
        assert_eq!(check(built_on_username, stranger), Ok(()));
        assert!(check(built_on_username, ADA).is_err());
    }

    #[test]
    fn length_is_counted_in_characters_from_8_to_256() {
        assert_eq!(check("ab-cd-e", ADA), Err(Weakness::TooShort));
        assert_eq!(check(&"word ".repeat(52), ADA), Err(Weakness::TooLong));
        let longest = "quiet orange lantern ".repeat(13);
        assert_eq!(check(&longest[..256], ADA), Ok(()));
    }

    #[test]
    fn every_message_says_why() {
        assert!(Weakness::IsEmail.message().contains("email address"));
        assert!(Weakness::IsEmailName.message().contains("before the @"));
        assert!(Weakness::IsUsername.message().contains("username"));
        let common = Weakness::Common(Warning::ThisIsATop10Password).message();
        assert!(
            common.contains("this is a top-10 common password"),
            "{common}"
        );
        assert!(Weakness::TooShort.message().contains("at least 8"));
    }
}
