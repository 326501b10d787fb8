//! A refresh token made elsewhere (a script, Postman, a colleague) brought
//! into the extension: proved by minting an access token with it at its
//! client's data centre, then kept like one the extension made, with the
//! scopes and API domain Zoho's answer names. One Zoho refuses is not kept.

use super::oauth::{problem, token_answer, write_new};
use crate::browser::vault::{self, Keys};
use crate::browser::{self, session, storage};
use crate::i18n::{key, Message};
use crate::oauth::access::{access_key, CachedAccess};
use crate::oauth::request::{self, check_brought, ExchangeError};
use crate::oauth::scopes::ScopeError;
use crate::oauth::{OAuthError, Refusal};
use crate::protocol::{Brought, Reply, UserText};
use crate::store::oauth::OAuthToken;

/// Proves and keeps a brought refresh token.
pub async fn bring(brought: Brought) -> Reply {
    let checked = match check_brought(
        &brought.label,
        &brought.scopes,
        brought.refresh_token.expose(),
    ) {
        Ok(checked) => checked,
        Err(errors) => return Reply::invalid(&errors, |e| e.field().into()),
    };
    let Ok(loaded) = storage::load().await else {
        return Reply::failed(key("errStorage"));
    };
    let Some(client) = loaded.oauth.client(brought.dc, &brought.client_id).cloned() else {
        return Reply::failed(key("errNoClient"));
    };
    let keys = vault::keys().await;
    if matches!(keys, Keys::Locked) {
        return Reply::Locked;
    }
    // Kept already (the saved ones opened to compare): not a second time.
    for saved in loaded.oauth.tokens() {
        let opened = keys
            .reveal(&saved.storage_key(), &saved.refresh_token)
            .await;
        if opened.as_ref() == Ok(&checked.refresh_token) {
            let said = Message::with(key("errRefreshTokenSaved"), [saved.label.clone()]);
            return Reply::Failed {
                message: said.into(),
            };
        }
    }
    let secret = match keys
        .reveal(&client.storage_key(), &client.client_secret)
        .await
    {
        Ok(secret) => secret,
        Err(closed) => return closed.into(),
    };
    let form = request::refresh_form(&client.client_id, &secret, &checked.refresh_token);
    let grant = match token_answer(client.dc, &form, false).await {
        Ok(grant) => grant,
        Err(error @ OAuthError::Refused(Refusal::InvalidCode, _)) => {
            return Reply::Problem {
                message: UserText::with_said(
                    Message::new(key("oauthBroughtRefused")),
                    error.said(),
                ),
                remedies: Vec::new(),
                elsewhere: Vec::new(),
            }
        }
        Err(error) => return problem(&error, client.dc, loaded.oauth.clients()),
    };
    // What Zoho grants; what was typed only when its answer does not say.
    let Some(scopes) = grant.scopes.clone().or(checked.scopes) else {
        let error = ExchangeError::Scopes(ScopeError::Empty);
        return Reply::invalid(&[error], |e| e.field().into());
    };
    let now = browser::now_ms();
    let record = OAuthToken::new(
        &checked.label,
        &scopes,
        &client,
        checked.refresh_token,
        grant.api_domain.unwrap_or(client.dc).api_domain(),
        now,
        browser::nonce(),
    );
    let record = match write_new(&keys, record).await {
        Ok(record) => record,
        Err(reply) => return reply,
    };
    // The access token that proved it: kept for the first Copy.
    let cached = CachedAccess::minted(&grant, now, None);
    let _ = session::set(&access_key(&record.id), &cached).await;
    Reply::OAuthSaved { token: record }
}
