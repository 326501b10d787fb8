//! What clearing a copied secret needs from the browser: its permissions
//! (optional, asked for when the user chooses a time), the alarm that rings
//! when the time is up, and the clipboard as the background reaches it.
//! Firefox's background is a page, with `navigator.clipboard`; Chrome's is a
//! service worker without one, so it opens an offscreen document
//! (`offscreen.html`) for the clearing and closes it after.

use js_sys::{Array, Object, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

#[wasm_bindgen]
extern "C" {
    /// Not `async`: asked for within the user's gesture, answered later.
    #[wasm_bindgen(js_namespace = ["chrome", "permissions"], js_name = request, catch)]
    fn request_started(permissions: JsValue) -> Result<js_sys::Promise, JsValue>;

    #[wasm_bindgen(js_namespace = ["chrome", "permissions"], js_name = remove, catch)]
    async fn remove_raw(permissions: JsValue) -> Result<JsValue, JsValue>;

    #[wasm_bindgen(js_namespace = ["chrome", "alarms"], js_name = create, catch)]
    async fn create_alarm(name: &str, info: JsValue) -> Result<JsValue, JsValue>;

    #[wasm_bindgen(js_namespace = ["chrome", "offscreen"], js_name = createDocument, catch)]
    async fn create_document(parameters: JsValue) -> Result<JsValue, JsValue>;

    #[wasm_bindgen(js_namespace = ["chrome", "offscreen"], js_name = closeDocument, catch)]
    async fn close_document() -> Result<JsValue, JsValue>;

    /// To the offscreen document (the pages' requests go through `ask`).
    #[wasm_bindgen(js_namespace = ["chrome", "runtime"], js_name = sendMessage, catch)]
    async fn to_offscreen(message: JsValue) -> Result<JsValue, JsValue>;
}

/// The alarm's name; `background.js` hands it to the background's module.
pub const ALARM: &str = "clearClipboard";

/// What `offscreen.js` is asked: `{"clipboard": "read"}` or `"clear"`.
const OFFSCREEN_TASK: &str = "clipboard";

/// The browser's `chrome.runtime`, to tell Firefox (whose own
/// `getBrowserInfo` it has) from Chrome.
fn is_firefox() -> bool {
    let runtime = Reflect::get(&js_sys::global(), &"chrome".into())
        .and_then(|chrome| Reflect::get(&chrome, &"runtime".into()));
    runtime.is_ok_and(|runtime| Reflect::has(&runtime, &"getBrowserInfo".into()).unwrap_or(false))
}

/// The permissions clearing needs: reading the clipboard (to clear only what
/// is still the extension's), writing it, and in Chrome a document to do it
/// in (Firefox knows no `offscreen`). Its alarm's permission is not among
/// them: Firefox does not let `alarms` be optional, and it warns of nothing.
fn needed() -> JsValue {
    let names = Array::of2(&"clipboardRead".into(), &"clipboardWrite".into());
    if !is_firefox() {
        names.push(&"offscreen".into());
    }
    let permissions = Object::new();
    let _ = Reflect::set(&permissions, &"permissions".into(), &names);
    permissions.into()
}

/// Asks the user for the permissions, now (the browser allows it only
/// during a gesture); the future is whether they were granted.
pub fn ask_permission() -> impl std::future::Future<Output = bool> {
    let asked = request_started(needed());
    async move {
        let Ok(promise) = asked else {
            return false;
        };
        JsFuture::from(promise)
            .await
            .is_ok_and(|granted| granted.is_truthy())
    }
}

/// Gives the permissions back (clearing turned off).
pub async fn give_back_permission() {
    let _ = remove_raw(needed()).await;
}

/// Rings [`ALARM`] in `seconds` (the one pending clearing, replaced); an
/// error when the permission is gone.
pub async fn ring_in(seconds: u32) -> Result<(), JsValue> {
    let info = Object::new();
    let minutes = f64::from(seconds) / 60.0;
    Reflect::set(&info, &"delayInMinutes".into(), &minutes.into())?;
    create_alarm(ALARM, info.into()).await.map(drop)
}

/// What the clipboard holds as text; `None` when the browser does not tell.
pub async fn read() -> Option<String> {
    match web_sys::window() {
        Some(page) => {
            let read = page.navigator().clipboard().read_text();
            JsFuture::from(read).await.ok()?.as_string()
        }
        None => offscreen("read").await?.as_string(),
    }
}

/// Empties the clipboard; whether the browser did.
pub async fn clear() -> bool {
    match web_sys::window() {
        Some(page) => {
            let written = page.navigator().clipboard().write_text("");
            JsFuture::from(written).await.is_ok()
        }
        None => offscreen("clear")
            .await
            .is_some_and(|done| done.is_truthy()),
    }
}

/// Closes Chrome's offscreen document once the clearing is over.
pub async fn put_away() {
    if web_sys::window().is_none() {
        let _ = close_document().await;
    }
}

/// Has the offscreen document do `task`, opening it first.
async fn offscreen(task: &str) -> Option<JsValue> {
    let parameters = Object::new();
    let reasons = Array::of1(&"CLIPBOARD".into());
    for (name, value) in [
        ("url", JsValue::from_str("offscreen.html")),
        ("reasons", reasons.into()),
        (
            "justification",
            "Clears a secret the extension copied, as the user chose".into(),
        ),
    ] {
        Reflect::set(&parameters, &name.into(), &value).ok()?;
    }
    // Already open (a clearing under way) is as good as opened.
    let _ = create_document(parameters.into()).await;
    let message = Object::new();
    Reflect::set(&message, &OFFSCREEN_TASK.into(), &task.into()).ok()?;
    to_offscreen(message.into()).await.ok()
}
