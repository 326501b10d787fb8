//! Parts the extension's own pages (the popup and the options page) share:
//! localisation, the status region, the data-centre choice and the preset and
//! scope controls. Built on `browser`'s bindings; each page composes them.

pub mod data_centres;
pub mod fields;
pub mod presets;
pub mod status;
pub mod unlock;

use crate::browser::{self, dom};
use crate::i18n::key;

/// Every element with `data-i18n="key"` gets that message as its text, and
/// `data-i18n-placeholder` its placeholder, `data-i18n-label` its accessible
/// name; `<html lang>` follows the messages.
pub fn localise() {
    for el in dom::all("[data-i18n]") {
        if let Some(name) = el.get_attribute("data-i18n") {
            el.set_text_content(Some(&browser::text_named(&name, &[])));
        }
    }
    for el in dom::all("[data-i18n-label]") {
        if let Some(name) = el.get_attribute("data-i18n-label") {
            dom::set_attr(&el, "aria-label", &browser::text_named(&name, &[]));
        }
    }
    for el in dom::all("[data-i18n-placeholder]") {
        if let Some(name) = el.get_attribute("data-i18n-placeholder") {
            dom::set_attr(&el, "placeholder", &browser::text_named(&name, &[]));
        }
    }
    if let Some(root) = dom::document().document_element() {
        // The language of the messages actually shown (not the browser's).
        dom::set_attr(&root, "lang", &browser::text(key("lang"), &[]));
    }
}

/// Lets tests and benchmarks see the moment the page is usable:
/// `body[data-ready]`, and the performance mark `mark`.
pub fn mark_ready(mark: &str) {
    if let Some(body) = dom::document().body() {
        dom::set_attr(&body, "data-ready", "true");
    }
    if let Some(performance) = web_sys::window().and_then(|w| w.performance()) {
        let _ = performance.mark(mark);
    }
}
