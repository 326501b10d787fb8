//! Small helpers to build the popup's DOM. Data is only ever set as text.

use wasm_bindgen::prelude::*;
use web_sys::{Document, Element};

pub fn document() -> Document {
    web_sys::window()
        .and_then(|w| w.document())
        .expect_throw("the popup runs in a page with a document")
}

/// A new element with a class (empty for none).
pub fn element(tag: &str, class: &str) -> Element {
    let el = document()
        .create_element(tag)
        .expect_throw("creating an element with a fixed tag name");
    if !class.is_empty() {
        el.set_class_name(class);
    }
    el
}

/// A new element holding `text` as text (never parsed as HTML).
pub fn text_element(tag: &str, class: &str, text: &str) -> Element {
    let el = element(tag, class);
    el.set_text_content(Some(text));
    el
}

pub fn set_attr(el: &Element, name: &str, value: &str) {
    // Attribute names are fixed strings in this crate; setting them cannot fail.
    let _ = el.set_attribute(name, value);
}

pub fn by_id(id: &str) -> Option<Element> {
    document().get_element_by_id(id)
}
