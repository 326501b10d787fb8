//! Routes the popup's events: one listener per event type on the document;
//! each control says what it is for with `data-action` (or `data-preset`),
//! and is handed to the flow that owns it.

use super::authtokens::{generate, list, saved};
use super::{data_centre, keyboard, oauth, state, views};
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
    if let Some(tab) = closest(&event, "[role=tab][data-view]") {
        views::show(&tab.get_attribute("data-view").unwrap_or_default());
        return oauth::draft::keep();
    }
    let Some(control) = closest(&event, "[data-action]") else {
        return;
    };
    let attribute = |name: &str| control.get_attribute(name).unwrap_or_default();
    let row_id = |kind: &str| {
        let row = control.closest(kind).ok().flatten()?;
        row.get_attribute("data-id")
    };
    let action = attribute("data-action");
    if let Some(id) = row_id("[data-oauth-row]") {
        return oauth::rows::act(&action, &id);
    }
    let id = row_id("[data-token-row]").unwrap_or_default();
    match action.as_str() {
        "reveal" => saved::reveal(&control, &id),
        "copy" => saved::copy(&id),
        "forget" => saved::forget(id),
        "undo" => saved::undo(),
        "remedy" => generate::remedy(&attribute("data-remedy")),
        "use-dc" => generate::use_data_centre(&attribute("data-dc")),
        "options" => spawn_local(browser::open_options()),
        "oauth" => oauth::exchange::start_from(state::problem()),
        "change-client" => oauth::client::change(),
        "forget-client" => oauth::client::forget(),
        "copy-scopes" => oauth::exchange::copy_scopes(),
        "past-cap" => oauth::exchange::exchange(true),
        "undo-oauth" => oauth::rows::undo(),
        "use-dc-oauth" => {
            if let Some(dc) = crate::zoho::DataCentre::from_plain_name(&attribute("data-dc")) {
                data_centre::switch_to(dc);
            }
        }
        _ => {}
    }
}

fn on_submit(event: Event) {
    let Some(form) = closest(&event, "form") else {
        return;
    };
    event.prevent_default();
    match form.id().as_str() {
        "custom" => generate::custom(),
        "oauth-client" => oauth::client::save(),
        "oauth-exchange" => oauth::exchange::exchange(false),
        _ => {}
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
    } else if closest(&event, "#view-oauth input").is_some() {
        if closest(&event, "#oauth-label").is_some() {
            oauth::exchange::app_changed();
        }
        oauth::draft::keep();
    }
}
