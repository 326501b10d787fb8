//! The vault in the browser: where it stands (its record in `storage.local`,
//! its open key in `storage.session`), unlocking and locking it, and sealing
//! and opening a record's secret with its key through WebCrypto.

use super::clock::{now_ms, sleep};
use super::crypto::{self, AesKey};
use super::session;
use super::storage::{self, Loaded};
use crate::plain::Decode;
use crate::store::keys::{ACCESS_KEY_PREFIX, VAULT_CHANGE_KEY, VAULT_KEY, VAULT_OPEN_KEY};
use crate::vault::base64;
use crate::vault::envelope::IV_LEN;
use crate::vault::kept::{Kept, SealedText, SecretText};
use crate::vault::lock::{Closed, OpenKey, Standing, VaultRecord, CHECK_BOUND, CHECK_TEXT};

/// The vault as a flow finds it: what it needs to keep a secret and to use one.
pub enum Keys {
    /// No vault: secrets are kept in clear text.
    Off,
    /// On and locked (or its record unreadable): nothing sealed opens.
    Locked,
    /// On and open: the key, and the salt of the vault record it belongs to.
    Open(AesKey, String),
}

/// Where the vault stands now. A key idle too long is removed (with the
/// access tokens cached under it).
pub async fn standing() -> Standing {
    let record = storage::get(VAULT_KEY).await.ok().flatten();
    let key = session::get::<OpenKey>(VAULT_OPEN_KEY).await;
    standing_of(record, key)
}

/// The vault's standing from its record and the session's key, both read by
/// the caller (the first answer reads them alongside its other reads).
pub fn standing_of(record: Option<wasm_bindgen::JsValue>, key: Option<OpenKey>) -> Standing {
    let now = now_ms();
    let standing = Standing::read(record.as_ref(), key.as_ref(), now);
    // A key no longer the vault's, or idle too long.
    if key.is_some() && !matches!(standing, Standing::Open(..)) {
        lock();
    }
    standing
}

/// Writes the key's last use without waiting: a lost write only locks the
/// vault sooner.
fn mark_used(salt: String, now: u64) {
    wasm_bindgen_futures::spawn_local(async move {
        if let Some(mut key) = session::get::<OpenKey>(VAULT_OPEN_KEY).await {
            if key.salt == salt {
                key.last_use = now;
                let _ = session::set(VAULT_OPEN_KEY, &key).await;
            }
        }
    });
}

/// The keys for a flow that keeps or uses a secret now: a use, which the
/// idle time counts from.
pub async fn keys() -> Keys {
    let keys = keys_unmarked().await;
    if let Keys::Open(_, salt) = &keys {
        mark_used(salt.clone(), now_ms());
    }
    keys
}

/// The keys, for work the user did not ask for now (moving old records at a
/// start): the idle time runs on.
pub async fn keys_unmarked() -> Keys {
    match standing().await {
        Standing::Off => Keys::Off,
        Standing::Locked(_) | Standing::Unreadable => Keys::Locked,
        Standing::Open(vault, key) => match AesKey::new(&key).await {
            Ok(key) => Keys::Open(key, vault.salt),
            Err(_) => Keys::Locked,
        },
    }
}

/// A change of the vault under way (on, a new passphrase, off), marked in
/// `storage.session` until dropped. A change reads every record before it
/// writes them all: a secret saved meanwhile is not among them, and its
/// saver, seeing the mark, keeps it again once the change is over
/// ([`keys_if_changed`]).
pub struct Changing;

impl Changing {
    pub async fn start() -> Changing {
        // Unmarked (the browser refusing), a saver still sees the new key.
        let _ = session::set(VAULT_CHANGE_KEY, &now_ms()).await;
        Changing
    }
}

impl Drop for Changing {
    fn drop(&mut self) {
        session::remove(VAULT_CHANGE_KEY);
    }
}

/// A mark older than this was left by a background stopped mid-change.
const CHANGE_STALE_MS: u64 = 60_000;

async fn change_under_way() -> bool {
    let started = session::get::<u64>(VAULT_CHANGE_KEY).await;
    started.is_some_and(|at| now_ms().saturating_sub(at) < CHANGE_STALE_MS)
}

/// After a record kept with `used` was written: `None` when the vault is as
/// `used` found it, else (a change under way or made meanwhile) the keys of
/// the vault once the change is over, to keep and write the record again.
pub async fn keys_if_changed(used: &Keys) -> Option<Keys> {
    let record = storage::get(VAULT_KEY).await.ok().flatten();
    let salt = record
        .as_ref()
        .and_then(VaultRecord::decode)
        .map(|r| r.salt);
    let same = match used {
        Keys::Off => salt.is_none(),
        Keys::Open(_, was) => salt.as_ref() == Some(was),
        Keys::Locked => true,
    };
    if same && !change_under_way().await {
        return None;
    }
    while change_under_way().await {
        sleep(50).await;
    }
    Some(keys().await)
}

/// Forgets the open key and the access tokens minted while it was open.
pub fn lock() {
    session::remove(VAULT_OPEN_KEY);
    wasm_bindgen_futures::spawn_local(async {
        for (key, _) in session::entries().await {
            if key.starts_with(ACCESS_KEY_PREFIX) {
                session::remove(&key);
            }
        }
    });
}

/// Why the vault did not open.
#[derive(Debug, PartialEq, Eq)]
pub enum UnlockError {
    /// The passphrase does not open it; nothing changed.
    Wrong,
    /// There is no vault, or its record cannot be read.
    NoVault,
    /// The browser refused to derive the key or to keep it.
    Browser,
}

/// The key `passphrase` gives for `vault`, if it is the vault's.
pub async fn derive(vault: &VaultRecord, passphrase: &str) -> Result<Vec<u8>, UnlockError> {
    let salt = vault.salt_bytes().ok_or(UnlockError::NoVault)?;
    let key = crypto::derive_key(passphrase, &salt, vault.iterations)
        .await
        .map_err(|_| UnlockError::Browser)?;
    let aes = AesKey::new(&key).await.map_err(|_| UnlockError::Browser)?;
    let check = aes
        .decrypt(&vault.check.iv, CHECK_BOUND.as_bytes(), &vault.check.data)
        .await;
    match check {
        Ok(text) if text == CHECK_TEXT.as_bytes() => Ok(key),
        _ => Err(UnlockError::Wrong),
    }
}

/// Opens the vault with `passphrase`: its key kept in `storage.session`.
pub async fn unlock(passphrase: &str) -> Result<(), UnlockError> {
    let (Standing::Locked(vault) | Standing::Open(vault, _)) = standing().await else {
        return Err(UnlockError::NoVault);
    };
    let key = derive(&vault, passphrase).await?;
    keep_open(&vault, &key).await
}

/// Keeps `key` as the open key of `vault`.
pub async fn keep_open(vault: &VaultRecord, key: &[u8]) -> Result<(), UnlockError> {
    let open = OpenKey {
        key: base64::encode(key),
        salt: vault.salt.clone(),
        last_use: now_ms(),
    };
    session::set(VAULT_OPEN_KEY, &open)
        .await
        .map_err(|_| UnlockError::Browser)
}

/// A new vault record for `key` (its salt and rounds given): the check text
/// sealed with it.
pub async fn record(
    key: &AesKey,
    salt: &[u8],
    iterations: u32,
    idle_minutes: u32,
) -> Result<VaultRecord, crypto::CryptoError> {
    Ok(VaultRecord {
        v: crate::vault::lock::VAULT_VERSION,
        iterations,
        salt: base64::encode(salt),
        check: seal_text(key, CHECK_BOUND, CHECK_TEXT).await?,
        idle_minutes,
    })
}

async fn seal_text(
    key: &AesKey,
    bound: &str,
    text: &str,
) -> Result<SealedText, crypto::CryptoError> {
    let iv = crypto::random_bytes(IV_LEN)?;
    let data = key.encrypt(&iv, bound.as_bytes(), text.as_bytes()).await?;
    Ok(SealedText { iv, data })
}

impl Keys {
    /// The secret `kept` in the record stored under `bound`, opened.
    pub async fn reveal<T: SecretText + Clone>(
        &self,
        bound: &str,
        kept: &Kept<T>,
    ) -> Result<T, Closed> {
        match (kept, self) {
            (Kept::Open(secret), _) => Ok(secret.clone()),
            (Kept::Forgotten, _) => Err(Closed::Forgotten),
            (Kept::Sealed(sealed), Keys::Open(key, _)) => {
                let text = key
                    .decrypt(&sealed.iv, bound.as_bytes(), &sealed.data)
                    .await;
                // Held to its kind's shape, as any text read back.
                (text.ok())
                    .and_then(|t| String::from_utf8(t).ok())
                    .and_then(|t| T::from_text(&t))
                    .ok_or(Closed::Damaged)
            }
            (Kept::Sealed(_), Keys::Off | Keys::Locked) => Err(Closed::Locked),
        }
    }

    /// `secret` as the record stored under `bound` keeps it: sealed while the
    /// vault is on.
    pub async fn keep<T: SecretText>(&self, bound: &str, secret: T) -> Result<Kept<T>, Closed> {
        match self {
            Keys::Off => Ok(Kept::Open(secret)),
            Keys::Locked => Err(Closed::Locked),
            Keys::Open(key, _) => seal_text(key, bound, secret.text())
                .await
                .map(Kept::Sealed)
                .map_err(|_| Closed::Damaged),
        }
    }

    /// Every sealed secret of `loaded` opened in place (one that does not
    /// open stays as it is): what an export writes and an import compares.
    pub async fn open_all(&self, loaded: &mut Loaded) {
        for token in loaded.tokens.tokens_mut() {
            if let Ok(open) = self.reveal(&token.storage_key(), &token.token).await {
                token.token = Kept::Open(open);
            }
        }
        for token in loaded.oauth.tokens_mut() {
            if let Ok(open) = self
                .reveal(&token.storage_key(), &token.refresh_token)
                .await
            {
                token.refresh_token = Kept::Open(open);
            }
        }
        for client in loaded.oauth.clients_mut() {
            if let Ok(open) = self
                .reveal(&client.storage_key(), &client.client_secret)
                .await
            {
                client.client_secret = Kept::Open(open);
            }
        }
    }
}
