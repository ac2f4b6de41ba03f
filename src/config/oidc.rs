//! OpenID Connect providers, read from the environment only (a client secret never on the
//! command line): `OIDC_PROVIDERS=google,corp`, then per provider `OIDC_<NAME>_ISSUER`,
//! `OIDC_<NAME>_CLIENT_ID`, `OIDC_<NAME>_CLIENT_SECRET` (or `OIDC_<NAME>_CLIENT_SECRET_FILE`)
//! and optionally `OIDC_<NAME>_DISPLAY_NAME`.

use std::path::PathBuf;

use super::Secret;

/// One configured provider.
#[derive(Debug, Clone)]
pub struct OidcProvider {
    /// Lower-case name in URLs and the database (`google`): 1–32 of `a–z 0–9 -`.
    pub name: String,
    /// What the login button says (`Google`); default: the name.
    pub display_name: String,
    /// The issuer URL; its `/.well-known/openid-configuration` is the discovery document.
    pub issuer: String,
    pub client_id: String,
    pub client_secret: Secret,
}

/// The providers `OIDC_PROVIDERS` names, each with its settings; an error names what is
/// missing or malformed (never a secret's value).
pub fn providers_from_env() -> Result<Vec<OidcProvider>, String> {
    let var = |name: &str| {
        std::env::var(name)
            .ok()
            .map(|v| v.trim().to_owned())
            .filter(|v| !v.is_empty())
    };
    let Some(list) = var("OIDC_PROVIDERS") else {
        return Ok(Vec::new());
    };
    let mut providers = Vec::new();
    for name in list.split(',').map(str::trim).filter(|n| !n.is_empty()) {
        let name = name.to_ascii_lowercase();
        check_name(&name)?;
        let prefix = format!("OIDC_{}_", name.to_ascii_uppercase().replace('-', "_"));
        let required = |key: &str| {
            var(&format!("{prefix}{key}")).ok_or_else(|| format!("{prefix}{key} is required"))
        };
        let secret = match var(&format!("{prefix}CLIENT_SECRET")) {
            Some(secret) => secret,
            None => read_secret_file(&prefix, var(&format!("{prefix}CLIENT_SECRET_FILE")))?,
        };
        providers.push(OidcProvider {
            display_name: var(&format!("{prefix}DISPLAY_NAME")).unwrap_or_else(|| name.clone()),
            issuer: required("ISSUER")?,
            client_id: required("CLIENT_ID")?,
            client_secret: Secret::from(secret),
            name,
        });
    }
    Ok(providers)
}

fn read_secret_file(prefix: &str, path: Option<String>) -> Result<String, String> {
    let path = PathBuf::from(path.ok_or_else(|| {
        format!("{prefix}CLIENT_SECRET or {prefix}CLIENT_SECRET_FILE is required")
    })?);
    let text = std::fs::read_to_string(&path).map_err(|err| {
        format!(
            "cannot read {prefix}CLIENT_SECRET_FILE {}: {err}",
            path.display()
        )
    })?;
    Some(text.trim().to_owned())
        .filter(|t| !t.is_empty())
        .ok_or_else(|| format!("{prefix}CLIENT_SECRET_FILE {} is empty", path.display()))
}

/// A provider's name appears in URLs, cookies and the database.
pub fn check_name(name: &str) -> Result<(), String> {
    let ok = (1..=32).contains(&name.len())
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
    if ok {
        Ok(())
    } else {
        Err(format!(
            "OIDC provider name {name:?}: 1 to 32 of lower-case letters, digits and '-'"
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn provider_names_are_url_safe() {
        assert!(check_name("google").is_ok());
        assert!(check_name("corp-sso2").is_ok());
        for bad in ["", "Google", "a/b", "a b", &"x".repeat(33)] {
            assert!(check_name(bad).is_err(), "{bad:?}");
        }
    }
}
