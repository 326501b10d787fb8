//! Keyboard moves in the popup: arrow keys, Home and End go between the view
//! tabs, and between saved tokens (to the same control in the next row);
//! Escape closes the custom
//! form. (Escape in the filter needs nothing here: a `type=search` field
//! clears itself, and its `input` event shows every row again.)

use super::views;
use crate::browser::dom::{self, closest};
use wasm_bindgen::JsCast;
use web_sys::{Element, Event, KeyboardEvent};

/// The document's `keydown` listener.
pub fn on_keydown(event: Event) {
    let Some(key) = event.dyn_ref::<KeyboardEvent>().map(|e| e.key()) else {
        return;
    };
    if key == "Escape" {
        close_custom_form(&event);
    } else if let Some(tab) = closest(&event, "[role=tab]") {
        if views::arrow(&tab, &key) {
            event.prevent_default();
            super::oauth::rows::show_if_waiting();
        }
    } else {
        move_between_rows(&event, &key);
    }
}

fn close_custom_form(event: &Event) {
    if let Some(details) = closest(event, "details.custom") {
        let _ = details.remove_attribute("open");
        if let Some(summary) = details.query_selector("summary").ok().flatten() {
            focus(&summary);
        }
        event.prevent_default();
    }
}

fn move_between_rows(event: &Event, key: &str) {
    // Within the list the row is in: authtokens or OAuth tokens.
    let Some((row, kind)) = ["[data-token-row]", "[data-oauth-row]"]
        .into_iter()
        .find_map(|kind| Some((closest(event, kind)?, kind)))
    else {
        return;
    };
    let rows: Vec<Element> = dom::all(&format!("{kind}:not([hidden])"));
    let Some(at) = rows.iter().position(|r| *r == row) else {
        return;
    };
    let to = match key {
        "ArrowDown" => (at + 1).min(rows.len() - 1),
        "ArrowUp" => at.saturating_sub(1),
        "Home" => 0,
        "End" => rows.len() - 1,
        _ => return,
    };
    event.prevent_default();
    // The same control in the new row.
    let action = closest(event, "[data-action]").and_then(|c| c.get_attribute("data-action"));
    let target = &rows[to];
    let same = match action.as_deref() {
        Some(action) => target
            .query_selector(&format!("[data-action={action}]"))
            .ok()
            .flatten(),
        None => None,
    };
    focus(same.as_ref().unwrap_or(target));
}

fn focus(el: &Element) {
    if let Some(el) = el.dyn_ref::<web_sys::HtmlElement>() {
        let _ = el.focus();
    }
}
