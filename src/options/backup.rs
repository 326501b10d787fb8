//! Export of the saved tokens and presets to a JSON file, and import of such a
//! file (checked whole here, merged by the background): the backup.

use super::presets;
use crate::browser::{self, dom, storage};
use crate::i18n::{key, UserMessage};
use crate::protocol::{Reply, StoreRequest};
use crate::store::export;
use crate::store::import::{self, ImportError};
use crate::ui::status::{self, show_key as show};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::HtmlInputElement;

/// Writes the saved tokens and presets to a JSON file the browser downloads.
pub async fn export_file() {
    let Ok(loaded) = storage::load().await else {
        return show(key("errStorage"), &[], true);
    };
    let file = export::build(
        &loaded.tokens,
        &loaded.presets,
        &loaded.oauth,
        browser::now_ms(),
    );
    let Ok(json) = js_sys::JSON::stringify_with_replacer_and_space(
        &browser::to_js(&file),
        &JsValue::NULL,
        &JsValue::from(2),
    ) else {
        return show(key("errStorage"), &[], true);
    };
    let parts = js_sys::Array::of1(&json);
    let kind = web_sys::BlobPropertyBag::new();
    kind.set_type("application/json");
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &kind) else {
        return show(key("errStorage"), &[], true);
    };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
        return show(key("errStorage"), &[], true);
    };
    let Some(link) = dom::by_id("export-link") else {
        return;
    };
    // `YYYY-MM-DD` of an ISO date, cut in JavaScript: a `str` slice would bring
    // its failure path's formatting (~5 KB) into the module.
    let date = String::from(js_sys::Date::new_0().to_iso_string().slice(0, 10));
    dom::set_attr(&link, "href", &url);
    dom::set_attr(&link, "download", &format!("authtoken-keeper-{date}.json"));
    if let Some(link) = link.dyn_ref::<web_sys::HtmlElement>() {
        link.click();
    }
    show(
        key("exported"),
        &[
            (file.tokens.len() + file.oauth.as_ref().map_or(0, Vec::len)).to_string(),
            file.presets.len().to_string(),
        ],
        false,
    );
}

/// Reads a chosen file; a file that is not a whole, intact export changes nothing.
pub async fn import_file(file: web_sys::File) {
    // A File's size is a whole number of bytes, well within u64.
    if let Err(too_large) = import::check_size(file.size() as u64) {
        return import_failed(too_large);
    }
    let Ok(text) = JsFuture::from(file.text()).await else {
        return import_failed(ImportError::NotAnExport);
    };
    let Ok(value) = js_sys::JSON::parse(&text.as_string().unwrap_or_default()) else {
        return import_failed(ImportError::NotAnExport);
    };
    let file = match import::read(&value) {
        Ok(file) => file,
        Err(e) => return import_failed(e),
    };
    match browser::ask(&StoreRequest::Import { file }).await {
        Some(Reply::Imported {
            added,
            skipped,
            presets_added,
        }) => {
            presets::reload().await;
            show(
                key("imported"),
                &[
                    added.to_string(),
                    skipped.to_string(),
                    presets_added.to_string(),
                ],
                false,
            );
        }
        other => status::unexpected(other),
    }
    reset_file_input();
}

fn import_failed(error: ImportError) {
    let message = error.message();
    show(message.key, &message.args, true);
    reset_file_input();
}

fn reset_file_input() {
    if let Some(input) = dom::by_id("import").and_then(|e| e.dyn_into::<HtmlInputElement>().ok()) {
        input.set_value("");
    }
}
