//! Routes the popup's events: one listener per event type on the document;
//! each control says what it is for with `data-action` (or `data-preset`),
//! and is handed to the flow that owns it.

use super::{data_centre, generate, keyboard, list, saved};
use crate::browser;
use crate::browser::dom::{self, closest};
use wasm_bindgen_futures::spawn_local;
use web_sys::Event;

/// Listens to the popup's clicks, submits, changes, input and keys.
pub fn listen() {
    let document = dom::document();
    dom::listen(&document, "click", on_click);
    dom::listen(&document, "submit", on_submit);
    dom::listen(&document, "change", on_change);
    dom::listen(&document, "input", on_input);
    dom::listen(&document, "keydown", keyboard::on_keydown);
}

fn on_click(event: Event) {
    if let Some(preset) = closest(&event, "[data-preset]") {
        return generate::preset(&preset);
    }
    let Some(control) = closest(&event, "[data-action]") else {
        return;
    };
    let attribute = |name: &str| control.get_attribute(name).unwrap_or_default();
    let id = control
        .closest("[data-token-row]")
        .ok()
        .flatten()
        .and_then(|row| row.get_attribute("data-id"))
        .unwrap_or_default();
    match attribute("data-action").as_str() {
        "reveal" => saved::reveal(&control, &id),
        "copy" => saved::copy(&id),
        "forget" => saved::forget(id),
        "undo" => saved::undo(),
        "remedy" => generate::remedy(&attribute("data-remedy")),
        "use-dc" => generate::use_data_centre(&attribute("data-dc")),
        "options" => spawn_local(browser::open_options()),
        _ => {}
    }
}

fn on_submit(event: Event) {
    if closest(&event, "#custom").is_some() {
        event.prevent_default();
        generate::custom();
    }
}

fn on_change(event: Event) {
    if closest(&event, "#dc").is_some() {
        data_centre::picked();
    }
}

fn on_input(event: Event) {
    if closest(&event, "#filter").is_some() {
        list::apply_filter();
    }
}
