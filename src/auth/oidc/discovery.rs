//! A provider's discovery document and signing keys (JWKS), fetched on first use and cached
//! for [`TTL`]; an ID token signed with a key the cache does not know makes one re-fetch of
//! the keys, at most every [`REFETCH_EVERY`] per provider (a forged `kid` cannot make Tally
//! hammer the provider).

use std::time::{Duration, Instant};

use openidconnect::IssuerUrl;
use openidconnect::core::{CoreJsonWebKeySet, CoreProviderMetadata};
use tokio::sync::Mutex;

use super::OidcError;

/// How long a fetched discovery document and key set are used.
const TTL: Duration = Duration::from_secs(3600);
/// Least time between two key re-fetches for an unknown key.
const REFETCH_EVERY: Duration = Duration::from_secs(30);

pub(super) struct Discovery {
    issuer: IssuerUrl,
    cached: Mutex<Cached>,
}

#[derive(Default)]
struct Cached {
    metadata: Option<(CoreProviderMetadata, Instant)>,
    last_key_refetch: Option<Instant>,
}

impl Discovery {
    pub(super) fn new(issuer: &str) -> anyhow::Result<Self> {
        let issuer = IssuerUrl::new(issuer.to_owned())
            .map_err(|err| anyhow::anyhow!("OIDC issuer {issuer:?}: {err}"))?;
        Ok(Self {
            issuer,
            cached: Mutex::new(Cached::default()),
        })
    }

    /// The metadata (with its keys), fetched if none is cached or it is older than [`TTL`].
    pub(super) async fn metadata(
        &self,
        http: &reqwest::Client,
    ) -> Result<CoreProviderMetadata, OidcError> {
        let mut cached = self.cached.lock().await;
        if let Some((metadata, at)) = &cached.metadata
            && at.elapsed() < TTL
        {
            return Ok(metadata.clone());
        }
        let metadata = CoreProviderMetadata::discover_async(self.issuer.clone(), http)
            .await
            .map_err(|err| {
                tracing::warn!(issuer = %self.issuer.as_str(), error = %err, "OIDC discovery failed");
                OidcError::Unavailable
            })?;
        cached.metadata = Some((metadata.clone(), Instant::now()));
        Ok(metadata)
    }

    /// Re-fetch the keys after an ID token named one the cache lacks: the new metadata, or
    /// `None` when a re-fetch ran too recently.
    pub(super) async fn refetch_keys(
        &self,
        http: &reqwest::Client,
    ) -> Result<Option<CoreProviderMetadata>, OidcError> {
        let mut cached = self.cached.lock().await;
        if cached
            .last_key_refetch
            .is_some_and(|at| at.elapsed() < REFETCH_EVERY)
        {
            return Ok(None);
        }
        cached.last_key_refetch = Some(Instant::now());
        let Some((metadata, at)) = cached.metadata.clone() else {
            return Ok(None);
        };
        let keys = CoreJsonWebKeySet::fetch_async(metadata.jwks_uri(), http)
            .await
            .map_err(|err| {
                tracing::warn!(issuer = %self.issuer.as_str(), error = %err, "OIDC keys re-fetch failed");
                OidcError::Unavailable
            })?;
        let metadata = metadata.set_jwks(keys);
        cached.metadata = Some((metadata.clone(), at));
        Ok(Some(metadata))
    }
}
