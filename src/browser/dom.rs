//! Small helpers to build and read the pages' DOM. Data is only ever set as text.

use crate::action::Action;
use wasm_bindgen::prelude::*;
use web_sys::{Document, Element};

/// The current page's document.
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

/// A `<button type="button">` with a text label and a `data-action`.
pub fn button(label: &str, action: Action) -> Element {
    let button = text_element("button", "", label);
    set_attr(&button, "type", "button");
    set_attr(&button, "data-action", action.plain_name());
    button
}

/// A link that opens in a new tab.
pub fn link(label: &str, href: &str) -> Element {
    let link = text_element("a", "", label);
    set_attr(&link, "href", href);
    set_attr(&link, "target", "_blank");
    set_attr(&link, "rel", "noreferrer");
    link
}

/// Sets an attribute.
pub fn set_attr(el: &Element, name: &str, value: &str) {
    // Attribute names are fixed strings in this crate; setting them cannot fail.
    let _ = el.set_attribute(name, value);
}

/// Shows or hides an element with the `hidden` attribute.
pub fn set_hidden(el: &Element, hidden: bool) {
    let _ = el.toggle_attribute_with_force("hidden", hidden);
}

/// Appends `child` as the last child of `parent`.
pub fn append(parent: &Element, child: &Element) {
    let _ = parent.append_child(child);
}

#[wasm_bindgen]
extern "C" {
    /// An element seen only for its text.
    type WithText;
    #[wasm_bindgen(method, getter = textContent)]
    fn text_content(this: &WithText) -> js_sys::JsString;
}

/// An element's text as a JavaScript string, for searching it in JavaScript:
/// the text is never copied into Wasm (a filter reads every row's).
pub fn text_js(el: &Element) -> js_sys::JsString {
    el.unchecked_ref::<WithText>().text_content()
}

/// The element with this id, if the page has it.
pub fn by_id(id: &str) -> Option<Element> {
    document().get_element_by_id(id)
}

/// Every element matching a (fixed) selector.
pub fn all(selector: &str) -> Vec<Element> {
    let Ok(nodes) = document().query_selector_all(selector) else {
        return Vec::new();
    };
    (0..nodes.length())
        .filter_map(|i| nodes.get(i)?.dyn_into::<Element>().ok())
        .collect()
}

/// The row of a list (`kind`: its marking attribute, a fixed selector) that
/// shows the record `id`.
pub fn row(kind: &str, id: &str) -> Option<Element> {
    all(kind)
        .into_iter()
        .find(|row| row.get_attribute("data-id").as_deref() == Some(id))
}

/// The value of an `<input>` or `<select>` by id.
pub fn value(id: &str) -> String {
    let Some(el) = by_id(id) else {
        return String::new();
    };
    if let Some(input) = el.dyn_ref::<web_sys::HtmlInputElement>() {
        input.value()
    } else if let Some(select) = el.dyn_ref::<web_sys::HtmlSelectElement>() {
        select.value()
    } else {
        String::new()
    }
}

/// Calls `handler` for every `event` on `target`, for as long as the page lives.
pub fn listen(target: &web_sys::EventTarget, event: &str, handler: fn(web_sys::Event)) {
    let closure = Closure::<dyn Fn(web_sys::Event)>::new(handler);
    let _ = target.add_event_listener_with_callback(event, closure.as_ref().unchecked_ref());
    closure.forget();
}

/// The event's target itself or its nearest ancestor matching `selector`.
pub fn closest(event: &web_sys::Event, selector: &str) -> Option<Element> {
    event
        .target()?
        .dyn_into::<Element>()
        .ok()?
        .closest(selector)
        .ok()?
}

/// Sets the value of the `<input>` or `<select>` with this id.
pub fn set_value(id: &str, value: &str) {
    let Some(el) = by_id(id) else {
        return;
    };
    if let Some(input) = el.dyn_ref::<web_sys::HtmlInputElement>() {
        input.set_value(value);
    } else if let Some(select) = el.dyn_ref::<web_sys::HtmlSelectElement>() {
        select.set_value(value);
    }
}

/// Moves focus to the element with this id.
pub fn focus_by_id(id: &str) {
    if let Some(el) = by_id(id).and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok()) {
        let _ = el.focus();
    }
}

/// Moves focus to `el`.
pub fn focus_element(el: &Element) {
    if let Some(el) = el.dyn_ref::<web_sys::HtmlElement>() {
        let _ = el.focus();
    }
}
