//! Secrets opened for the extension's pages, which never hold the vault's
//! key: one record's secret (Show, Copy), a refresh token's `.env` block
//! (Copy for a script), and everything saved as an export file.

use crate::browser::vault::{self, Keys};
use crate::browser::{self, storage};
use crate::i18n::{key, Message, UserMessage};
use crate::oauth::postman;
use crate::oauth::script::{env_block, hand_on, HandOn};
use crate::oauth::Secret;
use crate::oauth::SelfClient;
use crate::protocol::Reply;
use crate::store::export;
use crate::store::oauth::{OAuthSaved, OAuthToken};
use crate::store::TokenList;
use crate::vault::kept::SecretText;

/// The secret of the record stored under `stored`, opened: for the pages, which
/// never hold the key. Read as any stored record is (a damaged one is not
/// opened).
pub async fn reveal(stored: &str) -> Reply {
    let Ok(Some(value)) = storage::get(stored).await else {
        return Reply::failed(key("errOAuthGone"));
    };
    let keys = vault::keys().await;
    let entry = [(stored, &value)];
    let opened = if let Some(token) = TokenList::from_entries(entry).tokens().first() {
        keys.reveal(stored, &token.token)
            .await
            .map(|t| Secret::new(t.text()))
    } else {
        let saved = OAuthSaved::from_entries(entry);
        if let Some(token) = saved.tokens().first() {
            keys.reveal(stored, &token.refresh_token).await
        } else if let Some(client) = saved.clients().first() {
            keys.reveal(stored, &client.client_secret).await
        } else {
            return Reply::failed(key("errOAuthGone"));
        }
    };
    match opened {
        Ok(secret) => Reply::Revealed { secret },
        Err(closed) => closed.into(),
    }
}

/// The Self Client of the saved refresh token `token`, its secret and the
/// refresh token, opened: what minting an access token and handing the
/// token on need. The reply that says why not, else.
pub async fn with_client(
    keys: &Keys,
    oauth: &OAuthSaved,
    token: &OAuthToken,
) -> Result<(SelfClient, Secret, Secret), Reply> {
    let Some(client) = oauth.client(token.dc, &token.client_id) else {
        let dc = token.dc.plain_name().to_ascii_uppercase();
        return Err(Reply::Failed {
            message: Message::with(key("errClientGone"), [dc]).into(),
        });
    };
    let opened = (
        keys.reveal(&client.storage_key(), &client.client_secret)
            .await,
        keys.reveal(&token.storage_key(), &token.refresh_token)
            .await,
    );
    match opened {
        (Ok(secret), Ok(refresh)) => Ok((client.clone(), secret, refresh)),
        (Err(closed), _) | (_, Err(closed)) => Err(closed.into()),
    }
}

/// The saved refresh token `id` and its client handed on as `form` writes
/// them (both secrets opened, each value held to its alphabet).
async fn handed_on(id: &str, form: impl Fn(&OAuthToken, &HandOn) -> String) -> Reply {
    let Ok(loaded) = storage::load().await else {
        return Reply::failed(key("errStorage"));
    };
    let Some(token) = loaded.oauth.find(id) else {
        return Reply::failed(key("errOAuthGone"));
    };
    let (client, secret, refresh) =
        match with_client(&vault::keys().await, &loaded.oauth, token).await {
            Ok(opened) => opened,
            Err(reply) => return reply,
        };
    match hand_on(&client, &secret, &refresh, &token.api_domain) {
        Ok(values) => Reply::Revealed {
            secret: Secret::new(form(token, &values)),
        },
        Err(refused) => Reply::Failed {
            message: refused.message().into(),
        },
    }
}

/// Copy for a script: the `.env` block.
pub async fn script(id: &str) -> Reply {
    handed_on(id, |_, values| env_block(values)).await
}

/// Copy for Postman: an environment named for the token and its data centre.
pub async fn postman(id: &str) -> Reply {
    handed_on(id, |token, values| {
        let dc = token.dc.plain_name().to_ascii_uppercase();
        postman::environment(&format!("Zoho {} ({dc})", token.label), values)
    })
    .await
}

/// Everything saved as an export file, its secrets opened (the vault must
/// be open when any is sealed).
pub async fn export_file() -> Reply {
    let keys = vault::keys().await;
    if matches!(keys, Keys::Locked) {
        return Reply::Locked;
    }
    let Ok(mut loaded) = storage::load().await else {
        return Reply::failed(key("errStorage"));
    };
    keys.open_all(&mut loaded).await;
    let file = export::build(
        &loaded.tokens,
        &loaded.presets,
        &loaded.oauth,
        browser::now_ms(),
    );
    let len = |list: &Option<Vec<_>>| list.as_ref().map_or(0, Vec::len);
    let counts = [
        file.tokens.len(),
        len(&file.oauth),
        file.clients.as_ref().map_or(0, Vec::len),
        file.presets.len(),
    ];
    // Two spaces: a file a person may read.
    let json = js_sys::JSON::stringify_with_replacer_and_space(
        &browser::to_js(&file),
        &wasm_bindgen::JsValue::NULL,
        &wasm_bindgen::JsValue::from(2),
    );
    match json {
        Ok(json) => Reply::Export {
            json: json.into(),
            counts: counts.map(|n| n as u32).to_vec(),
        },
        Err(_) => Reply::failed(key("errStorage")),
    }
}
