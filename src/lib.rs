//! Authtoken Keeper for Zoho: the Rust core of the browser extension.
//!
//! `zoho`, `oauth`, `store`, `vault`, `http`, `protocol`, `plain`, `i18n` and `action` are pure and tested
//! natively (and by `./build.sh mutants`); `browser`, `background`, `ui`, `popup` and
//! `options` run only in the browser. This file holds the Wasm entry points the
//! JavaScript loaders call, and nothing else (but the test-only `golden`).

pub mod action;
// Every module's allocator: a few hundred bytes where Rust's default is 3.5 KB.
#[cfg(any(test, target_arch = "wasm32"))]
mod allocator;
pub mod http;
pub mod i18n;
pub mod oauth;
pub mod plain;
pub mod protocol;
pub mod store;
pub mod vault;
pub mod zoho;

// Every stored record and export version, pinned by the files in tests/golden.
#[cfg(test)]
mod golden;

// The pages' code slices no `str` by index: a slice's failure path alone brings
// ~5 KB of formatting into a module (docs/performance.md, "Size"). (Zoho's pages are parsed
// in the background, which has it anyway.)
#[cfg(target_arch = "wasm32")]
mod background;
#[cfg(target_arch = "wasm32")]
#[deny(clippy::string_slice)]
pub mod browser;
#[cfg(target_arch = "wasm32")]
#[deny(clippy::string_slice)]
mod options;
#[cfg(target_arch = "wasm32")]
#[deny(clippy::string_slice)]
mod popup;
#[cfg(target_arch = "wasm32")]
#[deny(clippy::string_slice)]
mod ui;
#[cfg(target_arch = "wasm32")]
#[deny(clippy::string_slice)]
mod welcome;

/// The Wasm entry points, one per module. A build for one (the Cargo feature
/// `background`, `network`, `popup`, `options` or `welcome`; build.sh makes all five)
/// exports only that entry, so its module holds only the code it reaches:
/// each page compiles a third to a half of the whole (docs/performance.md, "Size").
#[cfg(target_arch = "wasm32")]
pub mod entry {
    #[cfg(any(
        feature = "background",
        feature = "network",
        feature = "popup",
        feature = "options",
        feature = "welcome"
    ))]
    use wasm_bindgen::prelude::*;
    use wasm_bindgen::JsValue;

    /// The background's first module: a request from one of the extension's
    /// own pages in, its reply out, or `undefined` when the request is the
    /// network module's.
    #[cfg_attr(feature = "background", wasm_bindgen(js_name = handleMessage))]
    pub async fn handle_message(message: JsValue) -> JsValue {
        crate::background::handle(message).await
    }

    /// The background's first module: the alarm that clears a copied secret
    /// from the clipboard rang.
    #[cfg_attr(feature = "background", wasm_bindgen(js_name = clearClipboard))]
    pub async fn clear_clipboard() {
        crate::background::clear_clipboard().await;
    }

    /// The background's first module: after its first answer and on an
    /// install or update, records of older versions moved to this one's.
    #[cfg_attr(feature = "background", wasm_bindgen(js_name = moveOldRecords))]
    pub async fn move_old_records() {
        crate::background::move_old_records().await;
    }

    /// The background's second module (nothing waits for it): the extension
    /// was installed (`reason` "install") or updated, or the browser was.
    #[cfg_attr(feature = "network", wasm_bindgen)]
    pub async fn installed(reason: String) {
        crate::background::installed(&reason).await;
    }

    /// The background's second module: a request the first passed on, as above.
    #[cfg_attr(feature = "network", wasm_bindgen(js_name = handleMessage))]
    pub async fn handle_network_message(message: JsValue) -> JsValue {
        crate::background::network::handle(message).await
    }

    /// The background's second module: what the content script in tab
    /// `tab_id` sent (only a page report is read).
    #[cfg_attr(feature = "network", wasm_bindgen(js_name = handlePageReport))]
    pub async fn handle_page_report(message: JsValue, tab_id: i32) -> JsValue {
        crate::background::network::handle_page_report(message, tab_id).await
    }

    /// Builds the popup in the current page. `stored` is the pending answer of
    /// `chrome.storage.local.get(null)`, started before the Wasm was compiled.
    #[cfg_attr(feature = "popup", wasm_bindgen(js_name = startPopup))]
    pub async fn start_popup(stored: js_sys::Promise) {
        crate::popup::start(stored).await;
    }

    /// Builds the options page; `stored` as for the popup.
    #[cfg_attr(feature = "options", wasm_bindgen(js_name = startOptions))]
    pub async fn start_options(stored: js_sys::Promise) {
        crate::options::start(stored).await;
    }

    /// Builds the welcome page.
    #[cfg_attr(feature = "welcome", wasm_bindgen(js_name = startWelcome))]
    pub async fn start_welcome() {
        crate::welcome::start().await;
    }
}
