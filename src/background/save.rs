//! Saving a token Zoho issued, as a new record; and what a write's outcome
//! tells the page.

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
/// long list).
pub async fn save_new(token: AuthToken, target: &Target) -> Reply {
    let record = SavedToken::new(
        token,
        &target.display_name,
        &target.scope,
        target.dc,
        browser::now_ms(),
        browser::nonce(),
    );
    match storage::save_token(&record).await {
        Ok(()) => Reply::Saved { token: record },
        Err(_) => Reply::failed(key("errStorage")),
    }
}

/// Saves a token a Zoho tab showed, once: a page seen again (a reload) does not
/// add the same token a second time.
pub async fn save_once(token: AuthToken, target: &Target) -> Reply {
    let list = match storage::load().await {
        Ok(loaded) => loaded.tokens,
        Err(_) => return Reply::failed(key("errStorage")),
    };
    match list.tokens().iter().find(|t| t.token == token) {
        Some(existing) => Reply::Saved {
            token: existing.clone(),
        },
        None => save_new(token, target).await,
    }
}
