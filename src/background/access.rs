//! Access tokens for the saved refresh tokens: the cached one while it has
//! more than five minutes left, else one Zoho mints (each mint counted, for
//! Zoho's ten in ten minutes), handed out by Copy access token, Copy as curl
//! and Check. A locked vault hands out none.

use super::oauth::{problem, refused, token_answer};
use crate::browser::vault::{self, Keys};
use crate::browser::{self, session, storage};
use crate::i18n::{key, UserMessage};
use crate::oauth::access::{access_key, CachedAccess};
use crate::oauth::request;
use crate::oauth::{OAuthError, Refusal, Secret};
use crate::protocol::{Reply, UserText};

/// An access token for the saved refresh token `id` (Copy access token).
pub async fn access_token(id: &str) -> Reply {
    match live_access(id).await {
        Ok((live, _)) => Reply::Access {
            minutes: live.minutes_left(browser::now_ms()),
            token: live.token,
        },
        Err(reply) => reply,
    }
}

/// Check: whether Zoho takes the refresh token `id`, shown by a live access
/// token (the cached one, or one minted now), with the scopes and API domain
/// Zoho's answer named, and when the access token runs out.
pub async fn check(id: &str) -> Reply {
    let (live, reused) = match live_access(id).await {
        Ok(live) => live,
        Err(reply) => return reply,
    };
    let Ok(loaded) = storage::load().await else {
        return Reply::failed(key("errStorage"));
    };
    let Some(record) = loaded.oauth.find(id) else {
        return Reply::failed(key("errOAuthGone"));
    };
    let saved = (record.scopes.as_str(), record.api_domain.as_str());
    let said = live.checked(reused, saved, browser::now_ms());
    Reply::Checked {
        said: said.into_iter().map(UserText::from).collect(),
    }
}

/// A live access token for the saved refresh token `id`: the cached one while
/// it has more than five minutes left (`true`: reused), else one Zoho mints
/// now. A locked vault hands out neither.
async fn live_access(id: &str) -> Result<(CachedAccess, bool), Reply> {
    let now = browser::now_ms();
    let keys = vault::keys().await;
    if matches!(keys, Keys::Locked) {
        return Err(Reply::Locked);
    }
    let cached = session::get::<CachedAccess>(&access_key(id)).await;
    if let Some(cached) = cached.as_ref().filter(|c| c.usable_at(now)) {
        return Ok((cached.clone(), true));
    }
    let Ok(loaded) = storage::load().await else {
        return Err(Reply::failed(key("errStorage")));
    };
    let Some(mut record) = loaded.oauth.find(id).cloned() else {
        return Err(Reply::failed(key("errOAuthGone")));
    };
    let (client, secret, refresh_token) =
        super::reveal::with_client(&keys, &loaded.oauth, &record).await?;
    let form = request::refresh_form(&client.client_id, &secret, &refresh_token);
    match token_answer(record.dc, &form, false).await {
        Ok(grant) => {
            let fresh = CachedAccess::minted(&grant, now, cached.as_ref());
            let _ = session::set(&access_key(id), &fresh).await;
            if record.rejected.is_some() {
                record.rejected = None;
                let _ = storage::save_oauth(&record).await;
            }
            Ok((fresh, false))
        }
        Err(error @ OAuthError::Refused(Refusal::InvalidCode, _)) => {
            // Zoho no longer takes this refresh token: marked, never deleted.
            record.rejected = Some(now);
            let _ = storage::save_oauth(&record).await;
            Err(refused(key("oauthRefreshRejected"), &error))
        }
        Err(error) => Err(problem(&error, record.dc, &[])),
    }
}

/// Copy as curl: a call to the token's product API with a live access token
/// (the cached one, or one minted as for Copy access token).
pub async fn curl(id: &str) -> Reply {
    let (token, minutes) = match access_token(id).await {
        Reply::Access { token, minutes } => (token, minutes),
        other => return other,
    };
    let Ok(loaded) = storage::load().await else {
        return Reply::failed(key("errStorage"));
    };
    let Some(record) = loaded.oauth.find(id) else {
        return Reply::failed(key("errOAuthGone"));
    };
    match crate::oauth::curl::call(&record.scopes, &record.api_domain, &token, minutes) {
        Ok(line) => Reply::Revealed {
            secret: Secret::new(line),
        },
        Err(refused) => Reply::Failed {
            message: refused.message().into(),
        },
    }
}
