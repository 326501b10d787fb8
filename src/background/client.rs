//! The Self Clients, several a data centre: saved as pasted (checked, the
//! secret sealed while the vault is on), forgotten, and moved from the record
//! of version 1 (one client a data centre, `client:<dc>`) to their own.

use super::save::{done_or_failed, keep_and_write};
use crate::browser::storage;
use crate::browser::vault::{self, Keys};
use crate::i18n::key;
use crate::oauth::client::{self, one_per_dc_key, SelfClient, CLIENT_VERSION};
use crate::protocol::Reply;
use crate::store::oauth::OAuthSaved;
use crate::vault::kept::Kept;
use crate::vault::lock::Closed;
use crate::zoho::DataCentre;

/// Checks and saves a Self Client of `dc`: a new one, or the saved one of the
/// same ID with the secret pasted again (and its label, unless none is typed).
pub async fn save(dc: DataCentre, id: &str, secret: &str, label: &str) -> Reply {
    let mut client = match client::check(dc, id, secret, label) {
        Ok(client) => client,
        Err(errors) => return Reply::invalid(&errors, |e| e.field().into()),
    };
    let Ok(loaded) = storage::load().await else {
        return Reply::failed(key("errStorage"));
    };
    let saved = loaded.oauth.client(dc, &client.client_id);
    if client.label.is_none() {
        client.label = saved.and_then(|c| c.label.clone());
    }
    let earlier = saved.map(SelfClient::storage_key);
    match write(&vault::keys().await, client, earlier).await {
        Ok(()) => Reply::Done,
        Err(reply) => reply,
    }
}

/// Writes `client` under its key, its secret kept as the vault keeps it; then
/// removes the record it was read from, when that was another (version 1's).
async fn write(keys: &Keys, client: SelfClient, earlier: Option<String>) -> Result<(), Reply> {
    let bound = client.storage_key();
    let failed = |_| Reply::failed(key("errStorage"));
    match client.client_secret.clone() {
        Kept::Open(secret) => {
            let write = |kept| {
                let mut written = client.clone();
                written.client_secret = kept;
                async move { storage::save_client(&written).await }
            };
            keep_and_write(keys, &bound, &secret, write).await?;
        }
        // After Forget all secrets: nothing to keep.
        Kept::Forgotten => storage::save_client(&client).await.map_err(failed)?,
        // Sealed under another record's key: it would not open under this one.
        Kept::Sealed(_) => return Err(Reply::failed(key("errStorage"))),
    }
    match earlier {
        Some(old) if old != bound => storage::remove_all(&[old]).await.map_err(failed),
        _ => Ok(()),
    }
}

/// Removes the Self Client `id` of `dc` (its tokens stay saved), wherever it
/// is kept: its own record, and version 1's if that was it.
pub async fn forget(dc: DataCentre, id: &str) -> Reply {
    let mut keys = vec![client::client_key(dc, id)];
    let old = one_per_dc_key(dc);
    if one_per_dc(&old).await.is_some_and(|c| c.client_id == id) {
        keys.push(old);
    }
    done_or_failed(storage::remove_all(&keys).await)
}

/// The client version 1 kept under `key`, if it reads.
async fn one_per_dc(key: &str) -> Option<SelfClient> {
    let value = storage::get(key).await.ok()??;
    let read = OAuthSaved::from_entries([(key, &value)]);
    read.clients().first().cloned()
}

/// Moves each client of version 1 to its own record, with nothing lost: its
/// secret is opened under the old key and kept under the new one, then the
/// old record goes. One sealed while the vault is locked stays where it is,
/// fully usable, until the next start or unlock. Run at each start (after the
/// first answer) and after an unlock; with nothing to move, one read.
pub async fn migrate() {
    let old: Vec<String> = DataCentre::ALL.into_iter().map(one_per_dc_key).collect();
    let entries = storage::entries(&old).await;
    if entries.is_empty() {
        return;
    }
    // Not a use of the vault: a start does not put off its idle lock.
    let keys = vault::keys_unmarked().await;
    let read = OAuthSaved::from_entries(entries.iter().map(|(k, v)| (k.as_str(), v)));
    for client in read.clients() {
        let (old, new) = (
            client.storage_key(),
            client::client_key(client.dc, &client.client_id),
        );
        // Moved already, and stopped before the old record went.
        if storage::get(&new).await.ok().flatten().is_some() {
            let _ = storage::remove_all(&[old]).await;
            continue;
        }
        let secret = match keys.reveal(&old, &client.client_secret).await {
            Ok(secret) => Kept::Open(secret),
            Err(Closed::Forgotten) => Kept::Forgotten,
            // Locked, or damaged (left as it is, and reported where it shows).
            Err(_) => continue,
        };
        let moved = SelfClient {
            v: CLIENT_VERSION,
            client_secret: secret,
            ..client.clone()
        };
        let _ = write(&keys, moved, Some(old)).await;
    }
}
