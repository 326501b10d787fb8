//! A refresh token made elsewhere (a script, Postman, a colleague) brought
//! into the extension: proved by minting an access token with it at its
//! client's data centre, then kept like one the extension made, with the
//! scopes and API domain Zoho's answer names. One Zoho refuses is not kept.

use super::oauth::{keep_granted, problem, refused, token_answer};
use crate::browser::storage;
use crate::browser::vault::{self, Keys};
use crate::i18n::{key, Message};
use crate::oauth::request::{self, check_brought, ExchangeError};
use crate::oauth::scopes::ScopeError;
use crate::oauth::{OAuthError, Refusal};
use crate::protocol::{Brought, Reply};

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
            return refused(key("oauthBroughtRefused"), &error)
        }
        Err(error) => return problem(&error, client.dc, loaded.oauth.clients()),
    };
    // What Zoho grants; what was typed only when its answer does not say.
    let Some(scopes) = grant.scopes.clone().or(checked.scopes) else {
        let error = ExchangeError::Scopes(ScopeError::Empty);
        return Reply::invalid(&[error], |e| e.field().into());
    };
    let kept = keep_granted(
        &keys,
        &checked.label,
        &scopes,
        &client,
        checked.refresh_token,
        &grant,
    );
    match kept.await {
        Ok(record) => Reply::OAuthSaved { token: record },
        Err(reply) => reply,
    }
}
