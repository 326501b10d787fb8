//! Saving a token Zoho issued, as a new record; and what a write's outcome
//! tells the page.

use crate::browser::vault::{self, Keys};
use crate::browser::{self, storage};
use crate::i18n::key;
use crate::protocol::{Reply, Target};
use crate::store::SavedToken;
use crate::zoho::AuthToken;

/// `Done`, or the storage failure, as a reply.
pub fn done_or_failed(result: Result<(), storage::StorageError>) -> Reply {
    match result {
        Ok(()) => Reply::Done,
        Err(_) => Reply::failed(key("errStorage")),
    }
}

/// Saves a token Zoho just issued in answer to this extension's own request: it
/// cannot be saved already, so nothing needs reading first (which matters with a
/// long list). Sealed with `keys` while the vault is on.
pub async fn save_new(token: AuthToken, target: &Target, keys: &Keys) -> Reply {
    let mut record = SavedToken::new(
        token.clone(),
        &target.display_name,
        &target.scope,
        target.dc,
        browser::now_ms(),
        browser::nonce(),
    );
    let bound = record.storage_key();
    record.token = match keys.keep(&bound, token.clone()).await {
        Ok(kept) => kept,
        Err(closed) => return closed.into(),
    };
    if storage::save_token(&record).await.is_err() {
        return Reply::failed(key("errStorage"));
    }
    // A change of the vault (on, a new passphrase, off) made while this was
    // written did not include it: kept again as the vault keeps it now.
    if let Some(now) = vault::keys_if_changed(keys).await {
        record.token = match now.keep(&bound, token).await {
            Ok(kept) => kept,
            Err(closed) => return closed.into(),
        };
        if storage::save_token(&record).await.is_err() {
            return Reply::failed(key("errStorage"));
        }
    }
    Reply::Saved { token: record }
}

/// Saves a token a Zoho tab showed, once: a page seen again (a reload) does not
/// add the same token a second time (sealed ones are opened to compare).
pub async fn save_once(token: AuthToken, target: &Target) -> Reply {
    let keys = vault::keys().await;
    let list = match storage::load().await {
        Ok(loaded) => loaded.tokens,
        Err(_) => return Reply::failed(key("errStorage")),
    };
    for existing in list.tokens() {
        if keys
            .reveal(&existing.storage_key(), &existing.token)
            .await
            .as_ref()
            == Ok(&token)
        {
            return Reply::Saved {
                token: existing.clone(),
            };
        }
    }
    save_new(token, target, &keys).await
}
