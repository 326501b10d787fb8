//! What a saved OAuth token's Copy buttons put on the clipboard: the refresh
//! token, an access token, a `curl` call, a Postman environment, a script's
//! block. What holds a secret is opened or written by the background; each
//! asks for the passphrase when the vault is locked, then does `again`.

use crate::browser;
use crate::i18n::key;
use crate::popup::status;
use crate::protocol::{Reply, StoreRequest, ZohoRequest};
use crate::store::oauth::OAuthToken;
use crate::ui::unlock::{self, Again};
use wasm_bindgen_futures::spawn_local;

/// "Copy refresh token": opened by the background when it is sealed.
pub fn refresh(token: OAuthToken, again: Again) {
    let label = token.label.clone();
    let then: unlock::Then = Box::new(|open| status::copy(open, key("refreshCopied"), vec![label]));
    unlock::with_secret(token.storage_key(), token.refresh_token.text(), again, then);
}

/// "Copy access token", or with `curl` "Copy as curl" (a call to the token's
/// product API with one, written by the background).
pub fn access(token: OAuthToken, curl: bool, again: Again) {
    spawn_local(async move {
        let id = token.id.clone();
        let request = if curl {
            ZohoRequest::Curl { id }
        } else {
            ZohoRequest::AccessToken { id }
        };
        let reply = browser::ask(&request).await;
        if unlock::locked(&reply, again) {
            return;
        }
        match reply {
            Some(Reply::Access {
                token: access,
                minutes,
            }) => {
                let args = vec![token.label.clone(), minutes.to_string()];
                status::copy(access, key("accessCopied"), args);
            }
            Some(Reply::Revealed { secret }) => {
                status::copy(secret, key("curlCopied"), vec![token.label.clone()]);
            }
            Some(Reply::Problem {
                message, remedies, ..
            }) => {
                status::with_remedies(&message, true, &remedies, token.dc);
            }
            other => status::unexpected(other),
        }
    });
}

/// "Copy for a script": the background opens both secrets and writes the
/// block (the pages never hold the vault's key).
pub fn script(token: OAuthToken, again: Again) {
    let label = token.label;
    let then: unlock::Then = Box::new(|block| status::copy(block, key("envCopied"), vec![label]));
    unlock::with_opened(StoreRequest::Script { id: token.id }, again, then);
}

/// "Copy for Postman": an environment Postman imports, written by the
/// background as the script's block is.
pub fn postman(token: OAuthToken, again: Again) {
    let label = token.label;
    let then: unlock::Then = Box::new(|text| status::copy(text, key("postmanCopied"), vec![label]));
    unlock::with_opened(StoreRequest::Postman { id: token.id }, again, then);
}
