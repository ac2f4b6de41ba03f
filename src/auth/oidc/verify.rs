//! The two requests of a sign-in: the authorization URL the browser is sent to, and the
//! code's exchange at the token endpoint with the ID token's verification — signature
//! (against the provider's keys, re-fetched once for an unknown key), `iss`, `aud`, `azp`,
//! `exp` and `iat` within [`SKEW`], and the `nonce` of this attempt.

use chrono::Utc;
use openidconnect::core::{
    CoreAuthenticationFlow, CoreClient, CoreIdTokenClaims, CoreProviderMetadata,
};
use openidconnect::{
    AuthorizationCode, ClaimsVerificationError, ClientId, ClientSecret, CsrfToken, Nonce,
    PkceCodeChallenge, PkceCodeVerifier, RedirectUrl, Scope, SignatureVerificationError,
};

use super::{Attempt, OidcError, Provider, Providers};

/// Clock difference tolerated between Tally and the provider.
const SKEW: chrono::Duration = chrono::Duration::seconds(60);
/// Oldest accepted ID token (`iat`): the exchange follows the sign-in within seconds.
const MAX_AGE: chrono::Duration = chrono::Duration::minutes(10);

/// Who the provider says signed in.
#[derive(Debug, Clone)]
pub struct VerifiedIdentity {
    pub subject: String,
    pub email: Option<String>,
    /// The provider vouches for the email (`email_verified: true`); absent counts as false.
    pub email_verified: bool,
}

impl Providers {
    /// Where to send the browser to sign in with `provider` for `attempt`.
    pub async fn authorize_url(
        &self,
        provider: &Provider,
        attempt: &Attempt,
    ) -> Result<String, OidcError> {
        let metadata = provider.discovery.metadata(self.http()?).await?;
        let client = self.client(provider, metadata)?;
        let verifier = PkceCodeVerifier::new(attempt.pkce_verifier.clone());
        let (state, nonce) = (attempt.state.clone(), attempt.nonce.clone());
        let (url, _, _) = client
            .authorize_url(
                CoreAuthenticationFlow::AuthorizationCode,
                move || CsrfToken::new(state),
                move || Nonce::new(nonce),
            )
            .add_scope(Scope::new("email".to_owned()))
            .add_scope(Scope::new("profile".to_owned()))
            .set_pkce_challenge(PkceCodeChallenge::from_code_verifier_sha256(&verifier))
            .url();
        Ok(url.to_string())
    }

    /// Exchange `code` (with the attempt's PKCE verifier) and verify the ID token.
    pub async fn exchange(
        &self,
        provider: &Provider,
        code: String,
        pkce_verifier: String,
        nonce: &str,
    ) -> Result<VerifiedIdentity, OidcError> {
        let http = self.http()?;
        let metadata = provider.discovery.metadata(http).await?;
        let client = self.client(provider, metadata)?;
        let response = client
            .exchange_code(AuthorizationCode::new(code))
            .map_err(|_| OidcError::Unavailable)?
            .set_pkce_verifier(PkceCodeVerifier::new(pkce_verifier))
            .request_async(http)
            .await
            .map_err(|err| {
                tracing::info!(provider = %provider.config.name, error = %err, "OIDC code exchange failed");
                match err {
                    openidconnect::RequestTokenError::ServerResponse(_) => OidcError::CodeRejected,
                    _ => OidcError::Unavailable,
                }
            })?;
        let id_token = openidconnect::TokenResponse::id_token(&response)
            .ok_or(OidcError::InvalidToken)?
            .clone();
        let nonce = Nonce::new(nonce.to_owned());
        let claims = match verify(&client, provider, &id_token, &nonce) {
            Err(ClaimsVerificationError::SignatureVerification(
                SignatureVerificationError::NoMatchingKey,
            )) => {
                let Some(metadata) = provider.discovery.refetch_keys(http).await? else {
                    return Err(OidcError::InvalidToken);
                };
                let client = self.client(provider, metadata)?;
                verify(&client, provider, &id_token, &nonce)
            }
            other => other,
        }
        .map_err(|err| {
            tracing::info!(provider = %provider.config.name, error = %err, "OIDC ID token refused");
            OidcError::InvalidToken
        })?;
        Ok(VerifiedIdentity {
            subject: claims.subject().as_str().to_owned(),
            email: claims.email().map(|e| e.as_str().trim().to_lowercase()),
            email_verified: claims.email_verified() == Some(true),
        })
    }

    fn client(
        &self,
        provider: &Provider,
        metadata: CoreProviderMetadata,
    ) -> Result<OidcClient, OidcError> {
        let redirect = RedirectUrl::new(self.redirect_uri(&provider.config))
            .map_err(|_| OidcError::Unavailable)?;
        Ok(CoreClient::from_provider_metadata(
            metadata,
            ClientId::new(provider.config.client_id.clone()),
            Some(ClientSecret::new(
                provider.config.client_secret.expose_str().to_owned(),
            )),
        )
        .set_redirect_uri(redirect))
    }
}

type OidcClient = CoreClient<
    openidconnect::EndpointSet,
    openidconnect::EndpointNotSet,
    openidconnect::EndpointNotSet,
    openidconnect::EndpointNotSet,
    openidconnect::EndpointMaybeSet,
    openidconnect::EndpointMaybeSet,
>;

/// The ID token's claims if every check passes; `azp`, which the crate leaves to the
/// client, must be this client when present, and present when there are other audiences.
fn verify(
    client: &OidcClient,
    provider: &Provider,
    id_token: &openidconnect::core::CoreIdToken,
    nonce: &Nonce,
) -> Result<CoreIdTokenClaims, ClaimsVerificationError> {
    let verifier = client
        .id_token_verifier()
        .set_time_fn(|| Utc::now() - SKEW)
        .set_issue_time_verifier_fn(|iat| {
            let now = Utc::now();
            if iat > now + SKEW {
                Err("issued in the future".to_owned())
            } else if iat < now - MAX_AGE {
                Err("issued too long ago".to_owned())
            } else {
                Ok(())
            }
        });
    let claims = id_token.claims(&verifier, nonce)?.clone();
    let client_id = &provider.config.client_id;
    let azp_ok = match claims.authorized_party() {
        Some(azp) => azp.as_str() == client_id,
        None => claims.audiences().len() == 1,
    };
    if !azp_ok {
        return Err(ClaimsVerificationError::InvalidAudience(
            "authorized party is not this client".to_owned(),
        ));
    }
    Ok(claims)
}
