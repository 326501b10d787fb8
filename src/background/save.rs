//! Saving a token Zoho issued, as a new record; and what a write's outcome
//! tells the page.

use crate::browser::vault::{self, Keys};
use crate::browser::{self, storage};
use crate::i18n::key;
use crate::protocol::{Reply, Target};
use crate::store::SavedToken;
use crate::vault::kept::{Kept, SecretText};
use crate::zoho::AuthToken;
use std::future::Future;

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
    let write = |kept| {
        let mut written = record.clone();
        written.token = kept;
        async move { storage::save_token(&written).await }
    };
    record.token = match keep_and_write(keys, &bound, &token, write).await {
        Ok(kept) => kept,
        Err(reply) => return reply,
    };
    Reply::Saved { token: record }
}

/// Keeps `secret`, of the record stored under `bound`, as the vault keeps it
/// (sealed with `keys` while it is on), and has `write` store the record with
/// it. A change of the vault (on, a new passphrase, off) made meanwhile read
/// every record before this one was written: it is then kept and written
/// again with the vault's keys once the change is over. The form last
/// written, or the reply that says why nothing was.
pub async fn keep_and_write<T, F>(
    keys: &Keys,
    bound: &str,
    secret: &T,
    write: impl Fn(Kept<T>) -> F,
) -> Result<Kept<T>, Reply>
where
    T: SecretText + Clone,
    F: Future<Output = Result<(), storage::StorageError>>,
{
    let mut changed: Option<Keys> = None;
    loop {
        let keys = changed.as_ref().unwrap_or(keys);
        let kept = keys.keep(bound, secret.clone()).await?;
        if write(kept.clone()).await.is_err() {
            return Err(Reply::failed(key("errStorage")));
        }
        match vault::keys_if_changed(keys).await {
            Some(now) => changed = Some(now),
            None => return Ok(kept),
        }
    }
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
