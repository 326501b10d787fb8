//! The only code that touches the extension APIs (`chrome.*`, which Firefox also
//! provides, promise-based in Manifest V3) and the page's DOM.

pub mod clipboard;
mod clock;
pub mod crypto;
pub mod dom;
pub mod fetch;
mod plain;
pub mod session;
pub mod storage;
pub mod vault;

pub use clock::now_ms;
pub use plain::{entries, to_js};

use crate::i18n::{key, Key};
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    /// Not `async`: the message leaves at the call (see [`ask`]).
    #[wasm_bindgen(js_namespace = ["chrome", "runtime"], js_name = sendMessage, catch)]
    fn send_message_started(message: JsValue) -> Result<js_sys::Promise, JsValue>;

    #[wasm_bindgen(js_namespace = ["chrome", "i18n"], js_name = getMessage)]
    fn get_message_raw(key: &str, substitutions: js_sys::Array) -> String;

    #[wasm_bindgen(js_namespace = ["chrome", "tabs"], js_name = create, catch)]
    async fn tabs_create_raw(properties: JsValue) -> Result<JsValue, JsValue>;

    #[wasm_bindgen(js_namespace = ["chrome", "tabs"], js_name = update, catch)]
    async fn tabs_update_raw(tab_id: i32, properties: JsValue) -> Result<JsValue, JsValue>;

    #[wasm_bindgen(js_namespace = ["chrome", "tabs"], js_name = remove, catch)]
    async fn tabs_remove_raw(tab_id: i32) -> Result<JsValue, JsValue>;

    #[wasm_bindgen(js_namespace = ["chrome", "commands"], js_name = getAll, catch)]
    async fn commands_get_all() -> Result<JsValue, JsValue>;

    #[wasm_bindgen(js_namespace = ["chrome", "runtime"], js_name = openOptionsPage, catch)]
    async fn open_options_raw() -> Result<JsValue, JsValue>;

    /// Not `async`: the call is made at once, and its promise can be awaited later.
    #[wasm_bindgen(js_namespace = ["chrome", "action"], js_name = setBadgeText, catch)]
    fn set_badge_started(details: JsValue) -> Result<js_sys::Promise, JsValue>;

    #[wasm_bindgen(js_namespace = ["chrome", "storage", "onChanged"], js_name = addListener)]
    fn on_storage_changed(listener: &Closure<dyn FnMut(JsValue, String)>);

    /// When this page or worker started, in ms since the Unix epoch.
    #[wasm_bindgen(thread_local_v2, js_namespace = performance, js_name = timeOrigin)]
    static TIME_ORIGIN: f64;
}

/// Sends a request to the background now; the future is its answer, `None` if it
/// did not answer sensibly (for instance because the browser stopped it meanwhile).
/// The page can update itself while the message is on its way.
pub fn ask(
    request: &impl crate::protocol::OwnPageRequest,
) -> impl std::future::Future<Output = Option<crate::protocol::Reply>> {
    // The one writer (`plain`): serde-wasm-bindgen's added 10.6 KB to the
    // popup (docs/performance.md, "Size").
    let sent = send_message_started(crate::plain::Encode::encode(request))
        .unwrap_or_else(|error| js_sys::Promise::reject(&error));
    async move {
        let answer = wasm_bindgen_futures::JsFuture::from(sent).await.ok()?;
        crate::plain::Decode::decode(&answer)
    }
}

/// Looks up a message in the user's language.
pub fn text(key: Key, args: &[String]) -> String {
    text_named(key.name(), args)
}

/// The text of a message the background sent (its key was made with `key`
/// there).
pub fn received(message: &crate::protocol::UserText) -> String {
    let main = text_named(&message.key, &message.args);
    match &message.said {
        Some(said) => format!(
            "{main} {}",
            text(key("zohoSaid"), std::slice::from_ref(said))
        ),
        None => main,
    }
}

/// The message named `name` as the page's markup names it (`data-i18n`; the
/// extension test checks those names). The name itself if it is missing, so a
/// missing translation shows up instead of an empty control.
pub fn text_named(name: &str, args: &[String]) -> String {
    let substitutions: js_sys::Array = args.iter().map(|a| JsValue::from_str(a)).collect();
    let found = get_message_raw(name, substitutions);
    if found.is_empty() {
        name.to_string()
    } else {
        found
    }
}

/// Puts `text` on the clipboard; whether the browser took it.
pub async fn copy_text(text: &str) -> bool {
    let Some(clipboard) = web_sys::window().map(|w| w.navigator().clipboard()) else {
        return false;
    };
    wasm_bindgen_futures::JsFuture::from(clipboard.write_text(text))
        .await
        .is_ok()
}

/// Opens a tab and returns its id.
pub async fn open_tab(url: &str) -> Option<i32> {
    let properties = js_sys::Object::new();
    set(&properties, "url", &JsValue::from_str(url));
    let tab = tabs_create_raw(properties.into()).await.ok()?;
    js_sys::Reflect::get(&tab, &JsValue::from_str("id"))
        .ok()?
        .as_f64()
        .map(|id| id as i32)
}

/// Sends an open tab to `url`.
pub async fn navigate_tab(tab_id: i32, url: &str) -> bool {
    let properties = js_sys::Object::new();
    set(&properties, "url", &JsValue::from_str(url));
    tabs_update_raw(tab_id, properties.into()).await.is_ok()
}

/// Opens the extension's options page.
pub async fn open_options() {
    let _ = open_options_raw().await;
}

/// The manifest's command that opens the popup (`commands`).
const OPEN_POPUP: &str = "_execute_action";

/// The keys that open the popup, if the browser has set any (the manifest
/// suggests some; a clash, or the user, can leave none).
pub async fn popup_shortcut() -> Option<String> {
    let commands = commands_get_all().await.ok()?;
    js_sys::Array::from(&commands).iter().find_map(|command| {
        let field = |name: &str| {
            js_sys::Reflect::get(&command, &JsValue::from_str(name))
                .ok()?
                .as_string()
        };
        (field("name")? == OPEN_POPUP)
            .then(|| field("shortcut"))
            .flatten()
            .filter(|keys| !keys.is_empty())
    })
}

/// Closes a tab the extension opened.
pub async fn close_tab(tab_id: i32) {
    let _ = tabs_remove_raw(tab_id).await;
}

/// The toolbar badge: a short note that something happened while the popup was closed.
/// The call is made at once; the future only waits for it, so other work can overlap it.
pub fn set_badge(text: &str) -> wasm_bindgen_futures::JsFuture {
    let details = js_sys::Object::new();
    set(&details, "text", &JsValue::from_str(text));
    let pending =
        set_badge_started(details.into()).unwrap_or_else(|error| js_sys::Promise::reject(&error));
    wasm_bindgen_futures::JsFuture::from(pending)
}

/// Calls `listener(changes, area)` whenever extension storage changes, so the
/// popup can show what the background saved.
pub fn on_storage_change(listener: impl FnMut(JsValue, String) + 'static) {
    let closure = Closure::new(listener);
    on_storage_changed(&closure);
    // Lives as long as the page.
    closure.forget();
}

/// Resolves on the next turn of the event loop (after the browser had a chance
/// to paint and handle input).
pub async fn next_turn() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(window) = web_sys::window() {
            let _ = window.set_timeout_with_callback(&resolve);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// This background's life (or a page's): the same for every Wasm module in it,
/// different after the browser restarts it.
pub fn life() -> u64 {
    TIME_ORIGIN.with(|origin| *origin as u64)
}

/// A random 32-bit number for record ids (not a secret).
pub fn nonce() -> u32 {
    (js_sys::Math::random() * f64::from(u32::MAX)) as u32
}

fn set(object: &js_sys::Object, key: &str, value: &JsValue) {
    // Setting a property on a fresh plain object cannot fail.
    let _ = js_sys::Reflect::set(object, &JsValue::from_str(key), value);
}
