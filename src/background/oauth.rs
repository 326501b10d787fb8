//! The OAuth Self Client flow (its clients are `client`'s, its access tokens
//! `access`'s): exchanging a grant code for a refresh token, revoking,
//! forgetting, and asking the token endpoint. Every secret goes only to the
//! accounts host of its own data centre, in a form body.

use super::save::{done_or_failed, keep_and_write};
use crate::browser::vault::{self, Keys};
use crate::browser::{self, fetch, session, storage};
use crate::http::Answer;
use crate::i18n::{key, Key, Message, UserMessage};
use crate::oauth::access::{access_key, CachedAccess};
use crate::oauth::answer::{read_revoke, read_token, text_of};
use crate::oauth::request::{self, check_exchange};
use crate::oauth::{Grant, OAuthError, Refusal, Secret, SelfClient};
use crate::protocol::{Exchange, Reply, UserText};
use crate::store::oauth::{OAuthToken, REFRESH_TOKENS_PER_CLIENT};
use crate::vault::kept::Kept;
use crate::zoho::verdict::Remedy;
use crate::zoho::DataCentre;
use wasm_bindgen::JsValue;

/// Exchanges a grant code for a refresh token, and saves it.
pub async fn exchange(exchange: Exchange) -> Reply {
    let checked = match check_exchange(&exchange.label, &exchange.scopes, &exchange.code) {
        Ok(checked) => checked,
        Err(errors) => return Reply::invalid(&errors, |e| e.field().into()),
    };
    let Ok(loaded) = storage::load().await else {
        return Reply::failed(key("errStorage"));
    };
    let Some(client) = loaded
        .oauth
        .client(exchange.dc, &exchange.client_id)
        .cloned()
    else {
        return Reply::failed(key("errNoClient"));
    };
    let held = loaded.oauth.count_for_client(&client.client_id);
    if held >= REFRESH_TOKENS_PER_CLIENT && !exchange.past_cap {
        return Reply::AtCap { held: held as u32 };
    }
    // The key is taken before Zoho is asked: a refresh token it issues is
    // then always kept.
    let keys = vault::keys().await;
    let secret = match keys
        .reveal(&client.storage_key(), &client.client_secret)
        .await
    {
        Ok(secret) => secret,
        Err(closed) => return closed.into(),
    };
    let form = request::exchange_form(&client.client_id, &secret, &checked.code);
    let grant = match token_answer(client.dc, &form, true).await {
        Ok(grant) => grant,
        Err(error) => return problem(&error, client.dc, loaded.oauth.clients()),
    };
    let Some(refresh_token) = grant.refresh_token.clone() else {
        return problem(&OAuthError::MissingToken, client.dc, &[]);
    };
    // What Zoho granted, not what was typed (a code made for other scopes is common).
    let scopes = grant.scopes.as_deref().unwrap_or(&checked.scopes);
    let kept = keep_granted(
        &keys,
        &checked.label,
        scopes,
        &client,
        refresh_token,
        &grant,
    );
    let record = match kept.await {
        Ok(record) => record,
        Err(reply) => return reply,
    };
    if held >= REFRESH_TOKENS_PER_CLIENT {
        // Zoho deleted its oldest refresh token of this client, and that
        // one's access tokens: the oldest saved here is the likeliest, so its
        // cached access token is not handed out again, and its next use asks Zoho.
        if let Some(oldest) = loaded.oauth.oldest_for_client(&client.client_id) {
            session::remove(&access_key(&oldest.id));
        }
    }
    Reply::OAuthSaved { token: record }
}

/// Keeps a refresh token Zoho granted (by a code's exchange, or proving one
/// brought) for `client`: a new record with the API domain Zoho named, if
/// one of the nine, and the access token that came with it cached for the
/// first Copy (its mint counted).
pub(super) async fn keep_granted(
    keys: &Keys,
    label: &str,
    scopes: &str,
    client: &SelfClient,
    refresh_token: Secret,
    grant: &Grant,
) -> Result<OAuthToken, Reply> {
    let now = browser::now_ms();
    let api_domain = grant.api_domain.unwrap_or(client.dc).api_domain();
    let record = OAuthToken::new(
        label,
        scopes,
        client,
        refresh_token,
        api_domain,
        now,
        browser::nonce(),
    );
    let record = write_new(keys, record).await?;
    let cached = CachedAccess::minted(grant, now, None);
    let _ = session::set(&access_key(&record.id), &cached).await;
    Ok(record)
}

/// A refusal of a refresh token, said with `message` and Zoho's own words.
pub(super) fn refused(message: Key, error: &OAuthError) -> Reply {
    Reply::Problem {
        message: UserText::with_said(Message::new(message), error.said()),
        remedies: Vec::new(),
        elsewhere: Vec::new(),
    }
}

/// Writes a new record, its refresh token kept as the vault keeps it (`keep_and_write`).
async fn write_new(keys: &Keys, mut record: OAuthToken) -> Result<OAuthToken, Reply> {
    let Kept::Open(secret) = record.refresh_token.clone() else {
        return Err(Reply::failed(key("errStorage")));
    };
    let write = |kept| {
        let mut written = record.clone();
        written.refresh_token = kept;
        async move { storage::save_oauth(&written).await }
    };
    record.refresh_token = keep_and_write(keys, &record.storage_key(), &secret, write).await?;
    Ok(record)
}

/// Revokes the saved refresh token `id` at Zoho; removes it only once Zoho said yes.
pub async fn revoke(id: &str) -> Reply {
    let Ok(loaded) = storage::load().await else {
        return Reply::failed(key("errStorage"));
    };
    let Some(record) = loaded.oauth.find(id).cloned() else {
        return Reply::failed(key("errOAuthGone"));
    };
    let keys = vault::keys().await;
    let refresh_token = match keys
        .reveal(&record.storage_key(), &record.refresh_token)
        .await
    {
        Ok(token) => token,
        Err(closed) => return closed.into(),
    };
    let answer = fetch::post_form(&request::revoke_url(record.dc, &refresh_token), "").await;
    // RFC 7009's yes may be an empty body, which is not JSON.
    let empty = matches!(text_of(&answer), Ok((_, Some(""))));
    match read_json(&answer, |status, body| read_revoke(status, body, empty)) {
        Ok(()) => {
            session::remove(&access_key(id));
            done_or_failed(storage::forget_oauth(id).await)
        }
        Err(error) => problem(&error, record.dc, &[]),
    }
}

/// Removes the saved refresh token `id` here; it stays valid at Zoho.
pub async fn forget(id: &str) -> Reply {
    session::remove(&access_key(id));
    done_or_failed(storage::forget_oauth(id).await)
}

/// Undo of Forget: the record comes back under its own id.
pub async fn restore(token: OAuthToken) -> Reply {
    match storage::load().await {
        Ok(loaded) if loaded.oauth.id_taken(&token.id) => Reply::Done,
        Ok(_) => match storage::save_oauth(&token).await {
            Ok(()) => Reply::OAuthSaved { token },
            Err(_) => Reply::failed(key("errStorage")),
        },
        Err(_) => Reply::failed(key("errStorage")),
    }
}

/// Zoho's answer to `form` at the token endpoint of `dc`: a code's exchange
/// (`issues_refresh`: the answer must hold a refresh token) or a refresh.
pub(super) async fn token_answer(
    dc: DataCentre,
    form: &str,
    issues_refresh: bool,
) -> Result<Grant, OAuthError> {
    let answer = fetch::post_form(&request::token_url(dc), form).await;
    read_json(&answer, |status, body| {
        read_token(status, body, issues_refresh)
    })
}

/// Reads an answer's JSON (parsed by the browser) with `read`.
pub(super) fn read_json<T>(
    answer: &Answer,
    read: impl FnOnce(u16, Option<&JsValue>) -> Result<T, OAuthError>,
) -> Result<T, OAuthError> {
    let (status, text) = text_of(answer)?;
    let json = text
        .and_then(|text| js_sys::JSON::parse(text).ok())
        .filter(JsValue::is_object);
    read(status, json.as_ref())
}

/// A failure shown with what helps: the console for a code that expired, and
/// for an unknown client the other data centres where a client is saved.
pub(super) fn problem(error: &OAuthError, dc: DataCentre, clients: &[SelfClient]) -> Reply {
    let refusal = match error {
        OAuthError::Refused(refusal, _) => Some(refusal),
        _ => None,
    };
    let remedies = match refusal {
        Some(
            Refusal::InvalidCode
            | Refusal::InvalidClient
            | Refusal::ClientRejected
            | Refusal::InvalidSecret
            | Refusal::UnauthorizedClient
            | Refusal::InvalidScope,
        ) => vec![Remedy::ApiConsole],
        _ => Vec::new(),
    };
    let elsewhere = match refusal {
        Some(Refusal::InvalidClient | Refusal::ClientRejected) => {
            clients.iter().map(|c| c.dc).filter(|d| *d != dc).collect()
        }
        _ => Vec::new(),
    };
    Reply::Problem {
        message: UserText::with_said(error.message(), error.said()),
        remedies,
        elsewhere,
    }
}
