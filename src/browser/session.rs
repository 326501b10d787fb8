//! `chrome.storage.session`: the background's short-lived memory (tabs it opened,
//! news for the popup). It survives the background being stopped, not a restart.
//!
//! Its three bindings look like `storage.rs`'s but name another area: one
//! binding type serving both areas measured 1.1–1.5 KB more Wasm (docs/performance.md, "Size").

use crate::plain::{Decode, Encode};
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = ["chrome", "storage", "session"], js_name = get, catch)]
    async fn get_raw(keys: JsValue) -> Result<JsValue, JsValue>;

    /// Not `async`: the write starts at the call, and its promise can be awaited later.
    #[wasm_bindgen(js_namespace = ["chrome", "storage", "session"], js_name = set, catch)]
    fn set_started(items: JsValue) -> Result<js_sys::Promise, JsValue>;

    #[wasm_bindgen(js_namespace = ["chrome", "storage", "session"], js_name = remove, catch)]
    fn remove_started(keys: JsValue) -> Result<js_sys::Promise, JsValue>;
}

/// One entry, decoded; `None` when absent or unreadable.
pub async fn get<T: Decode>(key: &str) -> Option<T> {
    let items = get_raw(JsValue::from_str(key)).await.ok()?;
    let value = js_sys::Reflect::get(&items, &JsValue::from_str(key)).ok()?;
    if value.is_undefined() {
        return None;
    }
    T::decode(&value)
}

/// The entries of `keys` that are kept, as key and value: one read for several.
pub async fn some(keys: js_sys::Array) -> Vec<(String, JsValue)> {
    entries_of(keys.into()).await
}

/// Every entry, as key and value: one read for several kinds of entry.
pub async fn entries() -> Vec<(String, JsValue)> {
    entries_of(JsValue::NULL).await
}

/// The entries `keys` names (`null`: all), as key and value; none when the
/// browser refuses the read.
async fn entries_of(keys: JsValue) -> Vec<(String, JsValue)> {
    match get_raw(keys).await {
        Ok(items) => super::plain::entries(&items),
        Err(_) => Vec::new(),
    }
}

/// Writes one entry. A failure (the session area full, or the browser refusing)
/// is returned: a tab the background cannot note is a tab it would never watch.
pub async fn set(key: &str, value: &impl Encode) -> Result<(), super::storage::StorageError> {
    start_set(key, value)
        .await
        .map(drop)
        .map_err(|_| super::storage::StorageError)
}

/// Starts writing now and returns the pending write, so other work can overlap it.
pub fn start_set(key: &str, value: &impl Encode) -> wasm_bindgen_futures::JsFuture {
    let pending =
        set_started(items(key, value)).unwrap_or_else(|error| js_sys::Promise::reject(&error));
    wasm_bindgen_futures::JsFuture::from(pending)
}

fn items(key: &str, value: &impl Encode) -> JsValue {
    let items = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&items, &JsValue::from_str(key), &super::plain::to_js(value));
    items.into()
}

/// Removes one entry, without waiting for the browser to confirm: nothing
/// waits on a removal (a failure leaves a stale entry that is harmless), and
/// the browser carries out one page's storage calls in the order they are
/// made, so a later read no longer sees the entry. Saves a round trip to the
/// browser before a reply (~1 ms at the end of each generation).
pub fn remove(key: &str) {
    if let Ok(pending) = remove_started(JsValue::from_str(key)) {
        // Awaited elsewhere so a refusal is not reported as an unhandled rejection.
        wasm_bindgen_futures::spawn_local(async move {
            let _ = wasm_bindgen_futures::JsFuture::from(pending).await;
        });
    }
}
