//! `chrome.storage.local`: one entry per token record, plus settings.

use crate::oauth::SelfClient;
use crate::plain::Encode;
use crate::store::keys::{OAUTH_KEY_PREFIX, PRESETS_KEY, SETTINGS_KEY};
use crate::store::oauth::{OAuthSaved, OAuthToken};
use crate::store::{SavedToken, Settings, TokenList, UserPresets};
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = ["chrome", "storage", "local"], js_name = get, catch)]
    async fn get_raw(keys: JsValue) -> Result<JsValue, JsValue>;

    /// Not `async`: the read starts at the call (`start_get`).
    #[wasm_bindgen(js_namespace = ["chrome", "storage", "local"], js_name = get, catch)]
    fn get_started(keys: JsValue) -> Result<js_sys::Promise, JsValue>;

    #[wasm_bindgen(js_namespace = ["chrome", "storage", "local"], js_name = set, catch)]
    async fn set_raw(items: JsValue) -> Result<JsValue, JsValue>;

    #[wasm_bindgen(js_namespace = ["chrome", "storage", "local"], js_name = remove, catch)]
    async fn remove_raw(keys: JsValue) -> Result<JsValue, JsValue>;
}

/// Storage could not be read or written; nothing was changed by this extension.
#[derive(Debug)]
pub struct StorageError;

/// Everything the extension keeps in `storage.local`.
pub struct Loaded {
    /// The token records, readable or not.
    pub tokens: TokenList,
    /// The settings (defaults when unreadable).
    pub settings: Settings,
    /// The user's presets (none when unreadable).
    pub presets: UserPresets,
    /// OAuth refresh tokens and Self Clients, readable or not.
    pub oauth: OAuthSaved,
}

/// Reads everything the extension keeps.
pub async fn load() -> Result<Loaded, StorageError> {
    let all = get_raw(JsValue::NULL).await.map_err(|_| StorageError)?;
    Ok(read_all(&all))
}

/// Starts reading one entry now, so other reads can overlap it; the entry as
/// stored once awaited (`None` when absent or unreadable).
pub fn start_get(key: &str) -> impl std::future::Future<Output = Option<JsValue>> {
    let key = JsValue::from_str(key);
    let pending = get_started(key.clone());
    async move {
        let items = wasm_bindgen_futures::JsFuture::from(pending.ok()?)
            .await
            .ok()?;
        let value = js_sys::Reflect::get(&items, &key).ok()?;
        (!value.is_undefined()).then_some(value)
    }
}

/// One entry as stored, `None` when absent.
pub async fn get(key: &str) -> Result<Option<JsValue>, StorageError> {
    let items = get_raw(JsValue::from_str(key))
        .await
        .map_err(|_| StorageError)?;
    let value = js_sys::Reflect::get(&items, &JsValue::from_str(key)).map_err(|_| StorageError)?;
    Ok((!value.is_undefined()).then_some(value))
}

/// Removes entries, all in one call.
pub async fn remove_all(keys: &[String]) -> Result<(), StorageError> {
    let keys: js_sys::Array = keys.iter().map(|k| JsValue::from_str(k)).collect();
    remove_raw(keys.into())
        .await
        .map(drop)
        .map_err(|_| StorageError)
}

/// The pages start `storage.local.get(null)` while their Wasm compiles, and hand
/// the pending answer over here.
pub async fn load_from(pending: js_sys::Promise) -> Result<Loaded, StorageError> {
    let all = wasm_bindgen_futures::JsFuture::from(pending)
        .await
        .map_err(|_| StorageError)?;
    Ok(read_all(&all))
}

fn read_all(all: &JsValue) -> Loaded {
    let entries = super::plain::entries(all);
    let value = |key: &str| entries.iter().find(|(k, _)| k == key).map(|(_, v)| v);
    Loaded {
        tokens: TokenList::from_entries(entries.iter().map(|(k, v)| (k.as_str(), v))),
        settings: Settings::read(value(SETTINGS_KEY)),
        presets: UserPresets::read(value(PRESETS_KEY)),
        oauth: OAuthSaved::from_entries(entries.iter().map(|(k, v)| (k.as_str(), v))),
    }
}

/// Entries written together in one call: the browser stores all or none, so
/// a write refused part-way (the quota, say) leaves storage as it was.
#[derive(Default)]
pub struct Batch(js_sys::Object);

impl Batch {
    /// Adds `value` under `key`.
    pub fn put(&mut self, key: &str, value: &impl Encode) {
        // Setting a property on a plain object cannot fail.
        let _ = js_sys::Reflect::set(
            &self.0,
            &JsValue::from_str(key),
            &super::plain::to_js(value),
        );
    }

    /// Writes every entry added.
    pub async fn write(self) -> Result<(), StorageError> {
        set_raw(self.0.into())
            .await
            .map(drop)
            .map_err(|_| StorageError)
    }
}

/// Writes the user's presets.
pub async fn save_presets(presets: &UserPresets) -> Result<(), StorageError> {
    set_one(PRESETS_KEY, presets).await
}

/// Writes one token record under its own key.
pub async fn save_token(token: &SavedToken) -> Result<(), StorageError> {
    set_one(&token.storage_key(), token).await
}

/// Removes one token record.
pub async fn forget_token(id: &str) -> Result<(), StorageError> {
    remove(&format!("{}{id}", crate::store::keys::TOKEN_KEY_PREFIX)).await
}

/// Writes one OAuth token record under its own key.
pub async fn save_oauth(token: &OAuthToken) -> Result<(), StorageError> {
    set_one(&token.storage_key(), token).await
}

/// Removes one OAuth token record.
pub async fn forget_oauth(id: &str) -> Result<(), StorageError> {
    remove(&format!("{OAUTH_KEY_PREFIX}{id}")).await
}

/// Writes a Self Client under its own key.
pub async fn save_client(client: &SelfClient) -> Result<(), StorageError> {
    set_one(&client.storage_key(), client).await
}

/// The entries stored under these keys (those absent left out), in one read.
pub async fn entries(keys: &[String]) -> Vec<(String, JsValue)> {
    let keys: js_sys::Array = keys.iter().map(|k| JsValue::from_str(k)).collect();
    match get_raw(keys.into()).await {
        Ok(items) => super::plain::entries(&items),
        Err(_) => Vec::new(),
    }
}

async fn remove(key: &str) -> Result<(), StorageError> {
    remove_raw(JsValue::from_str(key))
        .await
        .map(drop)
        .map_err(|_| StorageError)
}

/// The settings alone (defaults when absent or unreadable).
pub async fn settings() -> Result<Settings, StorageError> {
    Ok(Settings::read(get(SETTINGS_KEY).await?.as_ref()))
}

/// Writes the settings.
pub async fn save_settings(settings: &Settings) -> Result<(), StorageError> {
    set_one(SETTINGS_KEY, settings).await
}

async fn set_one(key: &str, value: &impl Encode) -> Result<(), StorageError> {
    let mut batch = Batch::default();
    batch.put(key, value);
    batch.write().await
}
