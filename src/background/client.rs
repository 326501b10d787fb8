//! A Self Client, kept per data centre: saved as pasted (checked, its secret
//! sealed while the vault is on) and forgotten.

use super::save::done_or_failed;
use crate::browser::{storage, vault};
use crate::i18n::key;
use crate::oauth::client;
use crate::protocol::Reply;
use crate::vault::kept::Kept;
use crate::zoho::DataCentre;

/// Checks and saves the Self Client of `dc` (its secret sealed while the
/// vault is on).
pub async fn save(dc: DataCentre, id: &str, secret: &str) -> Reply {
    let mut client = match client::check(dc, id, secret) {
        Ok(client) => client,
        Err(errors) => return Reply::invalid(&errors, |e| e.field().into()),
    };
    let Kept::Open(secret) = client.client_secret.clone() else {
        return Reply::failed(key("errStorage"));
    };
    let mut keys = vault::keys().await;
    // Again if a change of the vault made while it was written did not include it.
    loop {
        client.client_secret = match keys.keep(&client.storage_key(), secret.clone()).await {
            Ok(kept) => kept,
            Err(closed) => return closed.into(),
        };
        if storage::save_client(&client).await.is_err() {
            return Reply::failed(key("errStorage"));
        }
        match vault::keys_if_changed(&keys).await {
            Some(now) => keys = now,
            None => return Reply::Done,
        }
    }
}

/// Removes the Self Client of `dc` (its tokens stay saved).
pub async fn forget(dc: DataCentre) -> Reply {
    done_or_failed(storage::forget_client(dc).await)
}
