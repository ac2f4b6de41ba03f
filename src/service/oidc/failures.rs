//! A callback that failed before it reached an account decision — unknown or replayed
//! state, a provider error, a refused code or ID token — is still an audit event: a failed
//! login (naming the provider; the user, when a link attempt names one), with the code the
//! dashboard was shown as its reason.

use uuid::Uuid;

use crate::auth::ClientInfo;
use crate::error::AppResult;
use crate::service::Store;
use crate::service::audit::{self, Action, Event};

/// Record a failed callback for `provider` (`user_id`: the user who was linking).
pub async fn record(
    store: &Store,
    provider: &str,
    user_id: Option<Uuid>,
    reason: &'static str,
    client: &ClientInfo,
) -> AppResult<()> {
    let action = if user_id.is_some() {
        Action::OidcLinked
    } else {
        Action::LoginFailed
    };
    let event = Event::about(user_id, action, client)
        .reason(reason)
        .entity("oidc_provider", provider);
    audit::record(store.conn(), event).await?;
    crate::meter::login("oidc_refused");
    Ok(())
}
