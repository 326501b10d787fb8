//! A Self Client, kept per data centre: saved as pasted (checked, its secret
//! sealed while the vault is on) and forgotten.

use super::save::{done_or_failed, keep_and_write};
use crate::browser::{storage, vault};
use crate::i18n::key;
use crate::oauth::client;
use crate::protocol::Reply;
use crate::vault::kept::Kept;
use crate::zoho::DataCentre;

/// Checks and saves the Self Client of `dc` (its secret sealed while the
/// vault is on).
pub async fn save(dc: DataCentre, id: &str, secret: &str) -> Reply {
    let client = match client::check(dc, id, secret) {
        Ok(client) => client,
        Err(errors) => return Reply::invalid(&errors, |e| e.field().into()),
    };
    let Kept::Open(secret) = client.client_secret.clone() else {
        return Reply::failed(key("errStorage"));
    };
    let write = |kept| {
        let mut written = client.clone();
        written.client_secret = kept;
        async move { storage::save_client(&written).await }
    };
    let bound = client.storage_key();
    match keep_and_write(&vault::keys().await, &bound, &secret, write).await {
        Ok(_) => Reply::Done,
        Err(reply) => reply,
    }
}

/// Removes the Self Client of `dc` (its tokens stay saved).
pub async fn forget(dc: DataCentre) -> Reply {
    done_or_failed(storage::forget_client(dc).await)
}
