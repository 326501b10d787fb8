//! The popup: renders presets, the custom form and the saved tokens, all as text.

mod token_row;

use crate::browser::{self, dom};
use crate::protocol::{Reply, Request, State};
use crate::zoho::preset::KNOWN_SCOPES;
use crate::zoho::{DataCentre, PRESETS};
use serde::Serialize;
use wasm_bindgen::prelude::*;
use web_sys::Element;

/// Builds the popup and asks the background for the saved tokens.
pub async fn start() {
    localise_static_text();
    render_presets();
    render_scope_suggestions();
    render_data_centres(DataCentre::default());
    match ask(Request::State).await {
        Some(Reply::State(state)) => render_state(&state),
        Some(Reply::Failed { message }) => {
            show_status(&browser::text(&message.key, &message.args), true)
        }
        None => show_status(&browser::text("errNoBackground", &[]), true),
    }
    mark_ready();
}

/// Sends a request to the background; `None` if it did not answer sensibly.
async fn ask(request: Request) -> Option<Reply> {
    let message = request
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .ok()?;
    let answer = browser::send_message(message).await.ok()?;
    serde_wasm_bindgen::from_value(answer).ok()
}

/// Every element with `data-i18n="key"` gets that message as its text.
fn localise_static_text() {
    let Ok(nodes) = dom::document().query_selector_all("[data-i18n]") else {
        return;
    };
    for i in 0..nodes.length() {
        if let Some(el) = nodes.get(i).and_then(|n| n.dyn_into::<Element>().ok()) {
            if let Some(key) = el.get_attribute("data-i18n") {
                el.set_text_content(Some(&browser::text(&key, &[])));
            }
        }
    }
    if let Some(el) = dom::document().document_element() {
        dom::set_attr(
            &el,
            "lang",
            &browser::text("@@ui_locale", &[]).replace('_', "-"),
        );
    }
}

fn render_presets() {
    let Some(list) = dom::by_id("presets") else {
        return;
    };
    for preset in PRESETS {
        let button = dom::element("button", "preset");
        dom::set_attr(&button, "type", "button");
        dom::set_attr(&button, "data-preset", preset.display_name);
        let _ = button.append_child(&dom::text_element("span", "preset-app", preset.app_name));
        let _ = button.append_child(&dom::text_element(
            "span",
            "preset-name",
            preset.display_name,
        ));
        let _ = list.append_child(&button);
    }
}

fn render_scope_suggestions() {
    let Some(list) = dom::by_id("scope-suggestions") else {
        return;
    };
    for scope in KNOWN_SCOPES {
        let option = dom::element("option", "");
        dom::set_attr(&option, "value", scope);
        let _ = list.append_child(&option);
    }
}

fn render_data_centres(selected: DataCentre) {
    let Some(select) = dom::by_id("dc") else {
        return;
    };
    select.set_text_content(None);
    for dc in DataCentre::ALL {
        let label = format!(
            "{} ({})",
            browser::text(&format!("dc_{}", dc.code()), &[]),
            dc.accounts_host()
        );
        let option = dom::text_element("option", "", &label);
        dom::set_attr(&option, "value", dc.code());
        if dc == selected {
            dom::set_attr(&option, "selected", "");
        }
        let _ = select.append_child(&option);
    }
}

fn render_state(state: &State) {
    render_data_centres(state.settings.dc);
    let Some(list) = dom::by_id("tokens") else {
        return;
    };
    list.set_text_content(None);
    for token in &state.tokens {
        let _ = list.append_child(&token_row::render(token));
    }
    if let Some(empty) = dom::by_id("empty") {
        let _ = empty.toggle_attribute_with_force("hidden", !state.tokens.is_empty());
    }
    if state.unreadable > 0 {
        show_status(
            &browser::text("unreadableRecords", &[state.unreadable.to_string()]),
            false,
        );
    }
}

/// Shows a message in the live region; errors go to the `alert` role.
fn show_status(text: &str, is_error: bool) {
    let Some(status) = dom::by_id("status") else {
        return;
    };
    dom::set_attr(&status, "role", if is_error { "alert" } else { "status" });
    status.set_class_name(if is_error { "status error" } else { "status" });
    status.set_text_content(Some(text));
}

/// Lets tests and benchmarks see the moment the popup is usable.
fn mark_ready() {
    if let Some(body) = dom::document().body() {
        dom::set_attr(&body, "data-ready", "true");
    }
    if let Some(performance) = web_sys::window().and_then(|w| w.performance()) {
        let _ = performance.mark("popup-ready");
    }
}
