//! The only code that touches the extension APIs (`chrome.*`, which Firefox also
//! provides, promise-based in Manifest V3) and the page's DOM helpers.

pub mod dom;
pub mod storage;

use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = ["chrome", "runtime"], js_name = sendMessage, catch)]
    async fn send_message_raw(message: JsValue) -> Result<JsValue, JsValue>;

    #[wasm_bindgen(js_namespace = ["chrome", "i18n"], js_name = getMessage)]
    fn get_message_raw(key: &str, substitutions: js_sys::Array) -> String;

    #[wasm_bindgen(js_namespace = ["chrome", "runtime"], js_name = getManifest)]
    fn get_manifest() -> JsValue;
}

/// Sends a message to the background and waits for its answer.
pub async fn send_message(message: JsValue) -> Result<JsValue, JsValue> {
    send_message_raw(message).await
}

/// Looks up a message in the user's language; the key itself if it is missing,
/// so a missing translation shows up instead of an empty control.
pub fn text(key: &str, args: &[String]) -> String {
    let substitutions: js_sys::Array = args.iter().map(|a| JsValue::from_str(a)).collect();
    let found = get_message_raw(key, substitutions);
    if found.is_empty() {
        key.to_string()
    } else {
        found
    }
}

/// The extension's version from its manifest.
pub fn version() -> String {
    js_sys::Reflect::get(&get_manifest(), &JsValue::from_str("version"))
        .ok()
        .and_then(|v| v.as_string())
        .unwrap_or_default()
}

/// Milliseconds since the Unix epoch.
pub fn now_ms() -> u64 {
    js_sys::Date::now() as u64
}

/// A random 32-bit number for record ids (not a secret).
pub fn nonce() -> u32 {
    (js_sys::Math::random() * f64::from(u32::MAX)) as u32
}
