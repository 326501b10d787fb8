//! The vault's changes, made by the one writer of storage: on, a new
//! passphrase, off, its idle time, and forgetting every secret. Each writes
//! every record it changes together with the vault's record in one call, so
//! the browser stopping the background part-way leaves everything as it was
//! before or everything as after: every secret opens with one passphrase.

use super::save::done_or_failed;
use crate::browser::crypto::{self, AesKey};
use crate::browser::storage::{self, Batch, Loaded};
use crate::browser::vault::{self, Keys, UnlockError};
use crate::i18n::{key, UserMessage};
use crate::oauth::Secret;
use crate::protocol::Reply;
use crate::store::keys::VAULT_KEY;
use crate::vault::envelope::{check_passphrase, ITERATIONS, SALT_LEN};
use crate::vault::kept::Kept;
use crate::vault::lock::{Closed, Standing, VaultRecord, DEFAULT_IDLE_MINUTES, IDLE_CHOICES};

/// Opens the vault.
pub async fn unlock(passphrase: &Secret) -> Reply {
    match vault::unlock(passphrase.expose()).await {
        Ok(()) => {
            // A client of version 1 sealed while locked can move now.
            wasm_bindgen_futures::spawn_local(super::client::migrate());
            Reply::Done
        }
        Err(error) => unlock_failed(error),
    }
}

fn unlock_failed(error: UnlockError) -> Reply {
    Reply::failed(match error {
        UnlockError::Wrong => key("errVaultWrong"),
        UnlockError::NoVault => key("errVaultNone"),
        UnlockError::Browser => key("errVaultBrowser"),
    })
}

/// Locks the vault now.
pub fn lock() -> Reply {
    vault::lock();
    Reply::Done
}

/// A fresh salt and the key `passphrase` gives with it, for a new record.
async fn new_key(passphrase: &Secret) -> Result<(Vec<u8>, Vec<u8>, AesKey), UnlockError> {
    let salt = crypto::random_bytes(SALT_LEN).map_err(|_| UnlockError::Browser)?;
    let key = crypto::derive_key(passphrase.expose(), &salt, ITERATIONS)
        .await
        .map_err(|_| UnlockError::Browser)?;
    let aes = AesKey::new(&key).await.map_err(|_| UnlockError::Browser)?;
    Ok((salt, key, aes))
}

/// The vault's record, if it is on.
async fn current() -> Result<VaultRecord, Reply> {
    match vault::standing().await {
        Standing::Locked(record) | Standing::Open(record, _) => Ok(record),
        Standing::Off | Standing::Unreadable => Err(unlock_failed(UnlockError::NoVault)),
    }
}

/// Turns the vault on: every secret sealed under `passphrase`, and the vault
/// left open.
pub async fn turn_on(passphrase: &Secret) -> Reply {
    if let Err(error) = check_passphrase(passphrase.expose(), passphrase.expose()) {
        return Reply::Failed {
            message: error.message().into(),
        };
    }
    if !matches!(vault::standing().await, Standing::Off) {
        return Reply::failed(key("errVaultAlreadyOn"));
    }
    let (salt, key, aes) = match new_key(passphrase).await {
        Ok(made) => made,
        Err(error) => return unlock_failed(error),
    };
    rewrite(Keys::Off, aes, &salt, &key, DEFAULT_IDLE_MINUTES).await
}

/// Seals every secret again under `new_passphrase`, once `passphrase` opens
/// the vault.
pub async fn change(passphrase: &Secret, new_passphrase: &Secret) -> Reply {
    if let Err(error) = check_passphrase(new_passphrase.expose(), new_passphrase.expose()) {
        return Reply::Failed {
            message: error.message().into(),
        };
    }
    let record = match current().await {
        Ok(record) => record,
        Err(reply) => return reply,
    };
    let old = match opened(&record, passphrase).await {
        Ok(old) => old,
        Err(reply) => return reply,
    };
    let (salt, key, aes) = match new_key(new_passphrase).await {
        Ok(made) => made,
        Err(error) => return unlock_failed(error),
    };
    rewrite(old, aes, &salt, &key, record.idle_minutes).await
}

/// The vault's keys, once `passphrase` opens it.
async fn opened(record: &VaultRecord, passphrase: &Secret) -> Result<Keys, Reply> {
    let key = vault::derive(record, passphrase.expose())
        .await
        .map_err(unlock_failed)?;
    let aes = AesKey::new(&key)
        .await
        .map_err(|_| unlock_failed(UnlockError::Browser))?;
    Ok(Keys::Open(aes, record.salt.clone()))
}

/// Every secret opened with `from` and sealed with `aes`, written with the
/// new vault record in one call; then the new key kept open.
async fn rewrite(from: Keys, aes: AesKey, salt: &[u8], raw: &[u8], idle_minutes: u32) -> Reply {
    let Ok(record) = vault::record(&aes, salt, ITERATIONS, idle_minutes).await else {
        return unlock_failed(UnlockError::Browser);
    };
    let _changing = vault::Changing::start().await;
    let Ok(loaded) = storage::load().await else {
        return Reply::failed(key("errStorage"));
    };
    let mut batch = Batch::default();
    let to = Keys::Open(aes, record.salt.clone());
    if let Err(closed) = reseal(&loaded, &from, &to, &mut batch).await {
        return closed.into();
    }
    batch.put(VAULT_KEY, &record);
    if batch.write().await.is_err() {
        return Reply::failed(key("errStorage"));
    }
    match vault::keep_open(&record, raw).await {
        Ok(()) => Reply::Done,
        Err(error) => unlock_failed(error),
    }
}

/// Turns the vault off, once `passphrase` opens it: every secret back in
/// clear text.
pub async fn turn_off(passphrase: &Secret) -> Reply {
    let record = match current().await {
        Ok(record) => record,
        Err(reply) => return reply,
    };
    let keys = match opened(&record, passphrase).await {
        Ok(keys) => keys,
        Err(reply) => return reply,
    };
    let _changing = vault::Changing::start().await;
    let Ok(loaded) = storage::load().await else {
        return Reply::failed(key("errStorage"));
    };
    let mut batch = Batch::default();
    if let Err(closed) = reseal(&loaded, &keys, &Keys::Off, &mut batch).await {
        return closed.into();
    }
    if batch.write().await.is_err() {
        return Reply::failed(key("errStorage"));
    }
    // Stopped before this, the vault is still on with its secrets in clear
    // text: they open, and the next one saved is sealed.
    vault::lock();
    done_or_failed(storage::remove_all(&[VAULT_KEY.to_string()]).await)
}

/// Each secret `from` opens, kept as `to` keeps it, added to `batch`. One
/// that does not open (sealed under no key of this vault) is left as it is.
async fn reseal(loaded: &Loaded, from: &Keys, to: &Keys, batch: &mut Batch) -> Result<(), Closed> {
    for token in loaded.tokens.tokens() {
        let bound = token.storage_key();
        if let Ok(secret) = from.reveal(&bound, &token.token).await {
            let mut record = token.clone();
            record.token = to.keep(&bound, secret).await?;
            batch.put(&bound, &record);
        }
    }
    for token in loaded.oauth.tokens() {
        let bound = token.storage_key();
        if let Ok(secret) = from.reveal(&bound, &token.refresh_token).await {
            let mut record = token.clone();
            record.refresh_token = to.keep(&bound, secret).await?;
            batch.put(&bound, &record);
        }
    }
    for client in loaded.oauth.clients() {
        let bound = client.storage_key();
        if let Ok(secret) = from.reveal(&bound, &client.client_secret).await {
            let mut record = client.clone();
            record.client_secret = to.keep(&bound, secret).await?;
            batch.put(&bound, &record);
        }
    }
    Ok(())
}

/// The vault's idle time.
pub async fn set_idle(minutes: u32) -> Reply {
    if !IDLE_CHOICES.contains(&minutes) {
        return Reply::failed(key("errStorage"));
    }
    let mut record = match current().await {
        Ok(record) => record,
        Err(reply) => return reply,
    };
    record.idle_minutes = minutes;
    let mut batch = Batch::default();
    batch.put(VAULT_KEY, &record);
    done_or_failed(batch.write().await)
}

/// Forgets every secret: token and refresh-token records keep their names
/// (shown, to revoke at Zoho), clients and the vault go.
pub async fn forget_secrets() -> Reply {
    let Ok(loaded) = storage::load().await else {
        return Reply::failed(key("errStorage"));
    };
    let mut batch = Batch::default();
    for token in loaded.tokens.tokens() {
        let mut record = token.clone();
        record.token = Kept::Forgotten;
        batch.put(&record.storage_key(), &record);
    }
    for token in loaded.oauth.tokens() {
        let mut record = token.clone();
        record.refresh_token = Kept::Forgotten;
        batch.put(&record.storage_key(), &record);
    }
    if batch.write().await.is_err() {
        return Reply::failed(key("errStorage"));
    }
    vault::lock();
    let mut gone: Vec<String> = loaded
        .oauth
        .clients()
        .iter()
        .map(|c| c.storage_key())
        .collect();
    gone.push(VAULT_KEY.to_string());
    done_or_failed(storage::remove_all(&gone).await)
}
