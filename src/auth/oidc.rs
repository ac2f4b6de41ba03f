//! OpenID Connect relying party: the configured providers ([`Providers`]), each with its
//! discovery document and signing keys fetched and cached ([`discovery`]), the authorization
//! URL (code flow with PKCE, `state`, `nonce`) and the code exchange with the ID token's
//! verification ([`verify`]). No database here: the service layer keeps the login states and
//! identities.
//!
//! Every outbound request goes through one `reqwest` client that follows no redirects (a
//! provider's answer is taken from the URL it was asked at, nothing else) and gives up after
//! [`HTTP_TIMEOUT`].

mod discovery;
mod verify;

use std::sync::Arc;
use std::time::Duration;

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use rand::RngCore;

use self::discovery::Discovery;
pub use self::verify::VerifiedIdentity;
use crate::config::OidcProvider;

/// Longest any request to a provider may take.
pub const HTTP_TIMEOUT: Duration = Duration::from_secs(10);

/// Why a sign-in through a provider failed: each has a stable code, put in the dashboard's
/// URL after a failed callback (never a token or a provider's message).
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum OidcError {
    /// The provider's discovery document, keys or token endpoint did not answer usefully.
    #[error("the sign-in provider is unavailable")]
    Unavailable,
    /// The ID token failed verification (signature, issuer, audience, expiry, nonce, azp).
    #[error("the sign-in provider's answer was not valid")]
    InvalidToken,
    /// The provider refused the code (replayed, expired, wrong PKCE verifier).
    #[error("the sign-in provider refused the authorization code")]
    CodeRejected,
}

impl OidcError {
    /// The code the dashboard shows.
    pub fn code(self) -> &'static str {
        match self {
            Self::Unavailable => "provider_unavailable",
            Self::InvalidToken => "invalid_token",
            Self::CodeRejected => "code_rejected",
        }
    }

    /// The reason in the audit log.
    pub fn reason(self) -> &'static str {
        match self {
            Self::Unavailable => "OIDC_PROVIDER_UNAVAILABLE",
            Self::InvalidToken => "OIDC_INVALID_TOKEN",
            Self::CodeRejected => "OIDC_CODE_REJECTED",
        }
    }
}

/// One provider: its settings and what was fetched about it.
pub struct Provider {
    pub config: OidcProvider,
    discovery: Discovery,
}

/// Every configured provider, and the redirect URIs' base.
#[derive(Clone, Default)]
pub struct Providers {
    list: Vec<Arc<Provider>>,
    public_url: String,
    http: Option<reqwest::Client>,
}

impl Providers {
    /// The providers of `configs`, their callbacks under `public_url`.
    pub fn new(configs: Vec<OidcProvider>, public_url: Option<&str>) -> anyhow::Result<Self> {
        if configs.is_empty() {
            return Ok(Self::default());
        }
        let public_url = public_url
            .map(|url| url.trim_end_matches('/').to_owned())
            .ok_or_else(|| anyhow::anyhow!("TALLY_PUBLIC_URL is required with OIDC_PROVIDERS"))?;
        if !(public_url.starts_with("https://") || public_url.starts_with("http://")) {
            anyhow::bail!("TALLY_PUBLIC_URL must be an http(s) URL");
        }
        let http = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .timeout(HTTP_TIMEOUT)
            .build()?;
        let list = configs
            .into_iter()
            .map(|config| {
                let discovery = Discovery::new(&config.issuer)?;
                Ok(Arc::new(Provider { config, discovery }))
            })
            .collect::<anyhow::Result<_>>()?;
        Ok(Self {
            list,
            public_url,
            http: Some(http),
        })
    }

    /// The providers, in configured order.
    pub fn all(&self) -> impl Iterator<Item = &OidcProvider> {
        self.list.iter().map(|p| &p.config)
    }

    /// The provider called `name`.
    pub fn get(&self, name: &str) -> Option<&Arc<Provider>> {
        self.list.iter().find(|p| p.config.name == name)
    }

    /// Where the provider sends the browser back.
    pub fn redirect_uri(&self, provider: &OidcProvider) -> String {
        format!("{}/auth/oidc/{}/callback", self.public_url, provider.name)
    }

    fn http(&self) -> Result<&reqwest::Client, OidcError> {
        self.http.as_ref().ok_or(OidcError::Unavailable)
    }
}

/// What one sign-in attempt carries from its start to its callback.
pub struct Attempt {
    pub state: String,
    pub nonce: String,
    pub pkce_verifier: String,
}

impl Attempt {
    /// Fresh random values (256 bits each, URL-safe).
    pub fn generate() -> Self {
        Self {
            state: random(),
            nonce: random(),
            pkce_verifier: random(),
        }
    }
}

fn random() -> String {
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    URL_SAFE_NO_PAD.encode(bytes)
}
